// Who sends a scenario's telemetry: one instance of one service, described by the resource
// attributes real SDKs and the Collector's detectors attach (service.*, telemetry.sdk.*, host.*,
// process.runtime.*, k8s.* when it runs in Kubernetes). Plain value.
#pragma once

#include "core/resource.h"

#include <string>

namespace kansoku {

struct ServiceIdentity
{
    std::string name; // empty: a host or Kubernetes object the Collector scrapes, without SDK
    std::string version;
    std::string instanceId;
    std::string sdkLanguage = "nodejs"; // telemetry.sdk.language: nodejs, java, go, ...
    std::string hostName;
    std::string k8sNamespace; // empty: not in Kubernetes
    std::string k8sPodName;
    std::string k8sNodeName;
    std::string k8sDeploymentName;

    Resource resource() const;
    // What tells two identities apart in one batch (hosts and Kubernetes objects have no name).
    std::string key() const
    {
        return name + '\x1f' + version + '\x1f' + instanceId + '\x1f' + hostName + '\x1f'
               + k8sPodName + '\x1f' + k8sNodeName + '\x1f' + k8sDeploymentName;
    }
};

} // namespace kansoku
