// The system ncurses, wide-character build, and the few shims Swift needs to use it: ncurses keeps
// its screen in globals that are macros (stdscr, LINES, COLS, COLORS, COLOR_PAIRS), builds its
// attributes with macros Swift cannot import (A_BOLD, …), and writes pairs above 255 through
// pointers. Only ConsoleTerminal imports this module.
#ifndef CORRAL_CNCURSES_SHIM_H
#define CORRAL_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <wchar.h>
#include <ncurses.h>

// glibc declares wcwidth only under _XOPEN_SOURCE, which the Swift Glibc module is built without;
// this is the standard prototype.
extern int wcwidth(wchar_t);

// MARK: The screen

/// A screen on the process's standard output and input, with TERM's terminal type; NULL (rather
/// than initscr's exit) when TERM names no terminal the terminfo database knows.
static inline SCREEN *corral_newterm(void) { return newterm(NULL, stdout, stdin); }

static inline WINDOW *corral_stdscr(void) { return stdscr; }
static inline WINDOW *corral_curscr(void) { return curscr; }
static inline int corral_lines(void) { return LINES; }
static inline int corral_cols(void) { return COLS; }
static inline int corral_colors(void) { return COLORS; }
static inline int corral_color_pairs(void) { return COLOR_PAIRS; }

static inline void corral_getmaxyx(WINDOW *window, int *height, int *width) {
    int y = 0, x = 0;
    if (window != NULL) { getmaxyx(window, y, x); }
    *height = y;
    *width = x;
}

/// The codeset of the current LC_CTYPE ("UTF-8", "ANSI_X3.4-1968", …); call after setlocale.
static inline const char *corral_locale_codeset(void) { return nl_langinfo(CODESET); }

/// Columns `character` takes in the current locale; -1 when it is not printable there.
static inline int corral_wcwidth(uint32_t character) { return wcwidth((wchar_t)character); }

// MARK: Attributes

static inline attr_t corral_attr_normal(void) { return A_NORMAL; }
static inline attr_t corral_attr_bold(void) { return A_BOLD; }
static inline attr_t corral_attr_dim(void) { return A_DIM; }
static inline attr_t corral_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t corral_attr_reverse(void) { return A_REVERSE; }
static inline attr_t corral_attr_italic(void) { return A_ITALIC; }
static inline attr_t corral_attr_altcharset(void) { return A_ALTCHARSET; }

// MARK: Keys

static inline int corral_key_f(int n) { return KEY_F(n); }
static inline int corral_key_code_yes(void) { return KEY_CODE_YES; }
static inline int corral_key_resize(void) { return KEY_RESIZE; }
static inline int corral_key_btab(void) { return KEY_BTAB; }

/// One key or character: returns OK with a character in *value, KEY_CODE_YES with a KEY_* code in
/// *value, or ERR when the window's timeout passed with no input.
static inline int corral_get_wch(WINDOW *window, uint32_t *value) {
    wint_t read = 0;
    int result = wget_wch(window, &read);
    *value = (uint32_t)read;
    return result;
}

// MARK: Drawing

/// Draws one cell at (y, x): `count` wide characters (a spacing character and up to
/// CCHARW_MAX - 1 combining ones; the rest are dropped) with `attributes` and colour pair `pair`.
/// The pair goes through setcchar's extended-pair argument, so pairs above 32767 work too.
static inline int corral_put_cell(WINDOW *window, int y, int x, const wchar_t *characters, int count,
                                  attr_t attributes, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int length = count < CCHARW_MAX ? count : CCHARW_MAX;
    if (length < 1) { text[0] = L' '; length = 1; }
    else { for (int i = 0; i < length; i++) { text[i] = characters[i]; } }
    text[length] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, text, attributes, 0, &pair) == ERR) {
        // A cluster curses cannot hold in one cell (an emoji sequence of several spacing
        // characters): its first character stands for it.
        text[1] = L'\0';
        if (setcchar(&cell, text, attributes, 0, &pair) == ERR) { return ERR; }
    }
    if (wmove(window, y, x) == ERR) { return ERR; }
    return wadd_wch(window, &cell);
}

// MARK: The mouse

/// Asks the terminal for clicks and the wheel, reported at once (no wait for a double click).
static inline void corral_mouse_enable(void) {
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

static inline int corral_key_mouse(void) { return KEY_MOUSE; }

/// The mouse event behind a KEY_MOUSE: 1 a left click or press, 4 the wheel up, 5 the wheel
/// down, 0 anything else; -1 when there is none to read.
static inline int corral_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) { return -1; }
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) { return 1; }
    if (event.bstate & BUTTON4_PRESSED) { return 4; }
    if (event.bstate & BUTTON5_PRESSED) { return 5; }
    return 0;
}

#endif
