extension String {
    /// The first `length` characters (Unicode scalars) of a value from the wire, as a message
    /// may quote it: anything but printable ASCII becomes `?`, so that an error cannot carry
    /// terminal escapes, line breaks or a megabyte of text to a log or a screen.
    public func printablePrefix(_ length: Int) -> String {
        String(unicodeScalars.prefix(max(0, length)).map { (0x20..<0x7F).contains($0.value) ? Character($0) : "?" })
    }
}
