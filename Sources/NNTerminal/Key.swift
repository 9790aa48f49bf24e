/// A key press, as the viewer's update function sees it (the backend translates ncurses codes).
public enum Key: Hashable, Sendable {
    /// A printable character, including space.
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case tab, backTab
    case enter, escape, backspace, delete
    /// Function key F`n`.
    case function(Int)
    /// Alt (Meta) with a character: the terminal sends Esc followed by the character.
    case alt(Character)
    /// A key or escape sequence the viewer has no use for, in a printable spelling such as
    /// `ESC[25~`: it is ignored with a short message instead of being read as Esc and letters.
    case unknown(String)
    /// Ctrl-C, or a signal that ends the process (SIGINT, SIGTERM, SIGHUP, …) reaching it.
    case interrupt
    /// The terminal changed size; the next frame is laid out for the new size.
    case resize(width: Int, height: Int)
}
