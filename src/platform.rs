//! What differs between Windows and the other systems, in one place: the
//! console's character set, whether loa was started by a double-click,
//! opening the browser, and whether a process is still running.

/// Makes the Windows console show UTF-8 (Vietnamese) text: its default code
/// page is the OEM one (437 or 1258), which turns UTF-8 into mojibake in
/// programs and pipes that read loa's output. Elsewhere nothing to do.
pub fn prepare_console() {
    #[cfg(windows)]
    // SAFETY: plain Win32 calls with a constant argument; a failure (no
    // console) changes nothing.
    unsafe {
        use windows_sys::Win32::Globalization::CP_UTF8;
        use windows_sys::Win32::System::Console::{SetConsoleCP, SetConsoleOutputCP};
        SetConsoleOutputCP(CP_UTF8);
        SetConsoleCP(CP_UTF8);
    }
}

/// True when loa has a console of its own that closes when it exits: what
/// Windows gives a program double-clicked in Explorer. From a terminal the
/// console is shared with the shell.
pub fn started_by_double_click() -> bool {
    #[cfg(windows)]
    {
        let mut ids = [0u32; 2];
        // SAFETY: the buffer holds the 2 ids the call may write.
        let attached =
            unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), 2) };
        attached == 1
    }
    #[cfg(not(windows))]
    {
        false
    }
}

/// Opens `url` in the default browser, without waiting for it. `false`
/// when it could not be started (the caller prints the address).
pub fn open_browser(url: &str) -> bool {
    let mut command = if cfg!(windows) {
        // The classic handler: opens the default browser for http URLs
        // without a console window or shell quoting.
        let mut c = std::process::Command::new("rundll32");
        c.args(["url.dll,FileProtocolHandler", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(url);
        c
    };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// True when a process with this id is running now.
pub fn process_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
            return false;
        };
        matches!(rustix::process::test_kill_process(pid), Ok(()) | Err(rustix::io::Errno::PERM))
    }
    #[cfg(windows)]
    // SAFETY: the handle is checked before use and closed after.
    unsafe {
        use windows_sys::Win32::Foundation::{CloseHandle, STILL_ACTIVE};
        use windows_sys::Win32::System::Threading::{
            GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
        };
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            return false;
        }
        let mut code = 0u32;
        let alive = GetExitCodeProcess(handle, &mut code) != 0 && code == STILL_ACTIVE as u32;
        CloseHandle(handle);
        alive
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = pid;
        false
    }
}
