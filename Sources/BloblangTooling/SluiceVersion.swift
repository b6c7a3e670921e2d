/// The version of the Sluice tools.
public enum SluiceVersion {
    public static let current = "0.1.0"
}
