/// The Mesos release whose APIs Corral speaks: what its master and agents report as their
/// version. Dotted integers only, as clients parse it (pymesos does).
public enum MesosVersion {
    public static let implemented = "1.11.0"
}
