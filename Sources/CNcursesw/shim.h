// The few pieces of ncursesw that Swift cannot import directly, wrapped as inline functions:
// macros that are expressions (A_BOLD, KEY_F(n), getmaxy) do not import at all, and Swift 6's
// strict concurrency rejects reading the globals stdscr and COLOR_PAIRS. NCURSES_WIDECHAR must
// come before the include, or the wide-character API (cchar_t, wadd_wch, get_wch) is not declared.
#ifndef NNVIEW_CNCURSESW_SHIM_H
#define NNVIEW_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <langinfo.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <string.h>
#include <ncursesw/curses.h>

static inline attr_t nn_attr_bold(void) { return A_BOLD; }
static inline attr_t nn_attr_dim(void) { return A_DIM; }
static inline attr_t nn_attr_reverse(void) { return A_REVERSE; }
static inline attr_t nn_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t nn_attr_italic(void) { return A_ITALIC; }
static inline attr_t nn_attr_normal(void) { return A_NORMAL; }
static inline int nn_key_resize(void) { return KEY_RESIZE; }
static inline int nn_lines(WINDOW *w) { return getmaxy(w); }
static inline int nn_cols(WINDOW *w) { return getmaxx(w); }
static inline WINDOW *nn_stdscr(void) { return stdscr; }
static inline int nn_ok(void) { return OK; }
static inline int nn_color_pairs(void) { return COLOR_PAIRS; }
static inline int nn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int nn_key_f(int n) { return KEY_F(n); }
// The signal that asked the viewer to stop, set by a handler that does nothing else (a plain
// store is async-signal-safe; ncurses and Swift code are not). Signals may arrive on any thread,
// so a flag read by the input loop is the only reliable route: dispatch's signal sources miss
// signals that land on a thread which has not blocked them. Call these from one Swift file only:
// each object file may get its own copy of a static inline function's static.
static inline volatile sig_atomic_t *nn_stop_flag(void) {
    static volatile sig_atomic_t flag = 0;
    return &flag;
}
static inline void nn_stop_handler(int signo) {
    if (*nn_stop_flag() == 0) *nn_stop_flag() = signo;
}
static inline void nn_catch_stop_signal(int signo) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = nn_stop_handler;
    sigfillset(&action.sa_mask);
    sigaction(signo, &action, NULL);
}
static inline int nn_stop_signal(void) { return *nn_stop_flag(); }
// Lowers the calling thread's priority (Linux applies nice per thread): long work in the
// background must not keep the input loop waiting for a core.
static inline void nn_lower_thread_priority(void) { setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10); }
// The real-time signals' range is a function call in glibc, not a constant.
static inline int nn_sigrtmin(void) { return SIGRTMIN; }
static inline int nn_sigrtmax(void) { return SIGRTMAX; }
// stdin/stdout are mutable C globals that Swift 6 refuses to read; hand them over from C.
static inline SCREEN *nn_newterm(void) { return newterm(NULL, stdout, stdin); }
// For --record: ncurses writes to the slave of a pseudo-terminal instead of stdout, and the
// viewer relays what the master reads to the real terminal and into the cast. ncurses 6 writes
// with write(2) on fileno(output) and sets modes and reads the size on that descriptor, so the
// output must be a real terminal device: a FILE* without a descriptor (fopencookie) gets nothing.
static inline SCREEN *nn_newterm_on(FILE *output) { return newterm(NULL, output, stdin); }
// <stdlib.h>'s pseudo-terminal functions are declared only under _XOPEN_SOURCE, which Swift's
// importer does not define.
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
int ptsname_r(int fd, char *buffer, size_t length);
// Opens a pseudo-terminal pair (close-on-exec, the slave without becoming a controlling
// terminal); 0 on success, -1 with errno set.
static inline int nn_open_pty(int *master, int *slave) {
    char name[128];
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, name, sizeof name) != 0) { close(m); return -1; }
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) { close(m); return -1; }
    *master = m;
    *slave = s;
    return 0;
}
// A terminal's size in rows and columns (ioctl is variadic, which Swift does not import).
static inline int nn_get_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}
static inline int nn_set_window_size(int fd, int rows, int columns) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = (unsigned short)rows;
    size.ws_col = (unsigned short)columns;
    return ioctl(fd, TIOCSWINSZ, &size);
}

// Whether the current locale's character set is UTF-8.
static inline int nn_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// The C library's display width of a character (0, 1 or 2 columns; -1 when unknown). <wchar.h>
// declares it only under _XOPEN_SOURCE, which Swift's importer does not define.
int wcwidth(wchar_t c);
static inline int nn_wcwidth(wchar_t c) { return wcwidth(c); }

#endif
