// The few pieces of ncursesw that Swift cannot import directly (macros and globals),
// wrapped as inline functions. See ../shared/notes/swift-ncurses.md.
#ifndef NNVIEW_CNCURSESW_SHIM_H
#define NNVIEW_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

static inline attr_t nn_attr_bold(void) { return A_BOLD; }
static inline attr_t nn_attr_dim(void) { return A_DIM; }
static inline attr_t nn_attr_reverse(void) { return A_REVERSE; }
static inline attr_t nn_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t nn_attr_normal(void) { return A_NORMAL; }
static inline int nn_key_resize(void) { return KEY_RESIZE; }
static inline int nn_lines(WINDOW *w) { return getmaxy(w); }
static inline int nn_cols(WINDOW *w) { return getmaxx(w); }
static inline WINDOW *nn_stdscr(void) { return stdscr; }
static inline int nn_ok(void) { return OK; }
static inline int nn_key_code_yes(void) { return KEY_CODE_YES; }

#endif
