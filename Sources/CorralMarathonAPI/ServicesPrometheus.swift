import CorralMetrics
import CorralServices

/// Services' metrics under Prometheus's names (`corral_services_…`), from one reading of
/// `ServicesMetrics`.
enum ServicesPrometheus {
    static func families(_ metrics: ServicesMetrics) -> [MetricFamily] {
        [
            .gauge("corral_services_apps", "Apps defined, suspended ones included.", Double(metrics.apps)),
            .gauge("corral_services_instances_wanted", "Instances the apps ask for.", Double(metrics.instancesWanted)),
            .gauge("corral_services_instances_running", "Instances whose tasks run.", Double(metrics.instancesRunning)),
            .gauge("corral_services_instances_staged", "Instances launched and not running yet.", Double(metrics.instancesStaged)),
            .gauge("corral_services_instances_healthy", "Running instances passing their app's health checks.", Double(metrics.instancesHealthy)),
            .gauge("corral_services_instances_unhealthy", "Running instances failing their app's health checks.", Double(metrics.instancesUnhealthy)),
            .gauge("corral_services_deployments", "Deployments in progress.", Double(metrics.deployments)),
            .counter("corral_services_tasks_launched_total", "Tasks launched since Services started.", Double(metrics.tasksLaunched)),
            .counter(
                "corral_services_tasks_failed_total", "Tasks that failed since Services started (kills Services asked for aside).",
                Double(metrics.tasksFailed)),
        ]
    }
}
