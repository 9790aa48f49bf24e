/// A key press, as the viewer's update function sees it (the backend translates ncurses codes).
public enum Key: Hashable, Sendable {
    /// A printable character, including space.
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case tab, backTab
    case enter, escape, backspace, delete
    /// Ctrl-C, or SIGINT/SIGTERM/SIGHUP reaching the process.
    case interrupt
    /// The terminal changed size; the next frame is laid out for the new size.
    case resize(width: Int, height: Int)
}
