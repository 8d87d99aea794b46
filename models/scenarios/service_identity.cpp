#include "scenarios/service_identity.h"

namespace kansoku {

namespace {

void add(Attributes &attributes, const char *key, const std::string &value)
{
    if (!value.empty())
        attributes.push_back(KeyValue{key, AnyValue::fromString(value)});
}

} // namespace

Resource ServiceIdentity::resource() const
{
    Resource resource;
    Attributes &attributes = resource.attributes;
    if (name.empty()) {
        // What the Collector scrapes or watches, without service or SDK: a host (hostmetrics,
        // Prometheus), or a Kubernetes object (k8s_cluster, kubeletstats: pod, node, deployment).
        if (!hostName.empty()) {
            add(attributes, "host.name", hostName);
            add(attributes, "host.arch", "amd64");
            add(attributes, "os.type", "linux");
        }
        add(attributes, "k8s.namespace.name", k8sNamespace);
        add(attributes, "k8s.pod.name", k8sPodName);
        add(attributes, "k8s.node.name", k8sNodeName);
        add(attributes, "k8s.deployment.name", k8sDeploymentName);
        return resource;
    }
    add(attributes, "service.name", name);
    add(attributes, "service.version", version);
    add(attributes, "service.instance.id", instanceId);
    add(attributes, "deployment.environment.name", "training");
    add(attributes, "telemetry.sdk.language", sdkLanguage);
    add(attributes, "telemetry.sdk.name", "opentelemetry");
    if (sdkLanguage == "java") {
        add(attributes, "telemetry.sdk.version", "1.44.1");
        add(attributes, "telemetry.distro.name", "opentelemetry-java-instrumentation");
        add(attributes, "process.runtime.name", "OpenJDK Runtime Environment");
        add(attributes, "process.runtime.version", "21.0.5+11-LTS");
    } else {
        add(attributes, "telemetry.sdk.version", "2.2.0");
        add(attributes, "process.runtime.name", "nodejs");
        add(attributes, "process.runtime.version", "22.11.0");
    }
    add(attributes, "host.name", hostName);
    add(attributes, "host.arch", "amd64");
    add(attributes, "os.type", "linux");
    add(attributes, "k8s.namespace.name", k8sNamespace);
    add(attributes, "k8s.pod.name", k8sPodName);
    add(attributes, "k8s.node.name", k8sNodeName);
    add(attributes, "k8s.deployment.name", k8sDeploymentName);
    return resource;
}

} // namespace kansoku
