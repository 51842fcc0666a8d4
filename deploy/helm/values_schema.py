#!/usr/bin/env python3
"""Source of helm/eyrie/values.schema.json: python3 deploy/helm/values_schema.py > helm/eyrie/values.schema.json"""
import json
S = lambda **kw: dict(kw)
def obj(props, required=None, additional=False, **kw):
    d = {"type": "object", "properties": props, "additionalProperties": additional}
    if required: d["required"] = required
    d.update(kw); return d
def string(**kw): return dict(type="string", **kw)
def integer(**kw): return dict(type="integer", **kw)
def boolean(**kw): return dict(type="boolean", **kw)

DNS1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
DNS1123_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
NAME_OR_EMPTY = {"type": "string", "maxLength": 253, "pattern": "^$|" + DNS1123_SUBDOMAIN}
TOPIC = string(pattern="^[a-zA-Z0-9._-]{1,249}$", description="Kafka topic name")
PORT = integer(minimum=1, maximum=65535)
CPU = {"oneOf": [{"type": "number", "exclusiveMinimum": 0},
                 {"type": "string", "pattern": "^([0-9]+m|[0-9]+(\\.[0-9]+)?)$"}]}
K8S_MEMORY = string(pattern="^[0-9]+(\\.[0-9]+)?(Ei|Pi|Ti|Gi|Mi|Ki|E|P|T|G|M|k)?$")
FLINK_MEMORY = string(pattern="^[1-9][0-9]*(m|mb|g|gb)$", description="Flink memory size, e.g. 1536m or 2g")
FLINK_CPU = {"type": "number", "exclusiveMinimum": 0}
IMAGE = obj({
    "repository": string(minLength=1, pattern="^[a-z0-9]+([._/:-][a-z0-9]+)*$"),
    "tag": {"type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", "not": {"enum": ["latest"]},
            "description": "pinned tag; 'latest' is rejected"},
    "digest": string(pattern="^$|^sha256:[a-f0-9]{64}$"),
    "pullPolicy": string(enum=["Always", "IfNotPresent", "Never"]),
}, required=["repository", "tag", "pullPolicy"])
RESOURCES = obj({
    "requests": obj({"cpu": CPU, "memory": K8S_MEMORY}),
    "limits": obj({"cpu": CPU, "memory": K8S_MEMORY}),
})
PEERS = {"type": "array", "minItems": 1, "items": {"type": "object", "minProperties": 1,
         "properties": {"podSelector": {"type": "object"}, "namespaceSelector": {"type": "object"},
                        "ipBlock": obj({"cidr": string(minLength=1), "except": {"type": "array", "items": string()}},
                                       required=["cidr"])},
         "additionalProperties": False}}
PORTS = {"type": "array", "minItems": 1, "items": PORT, "uniqueItems": True}
PROBE = obj({"path": string(pattern="^/[A-Za-z0-9/_.-]*$"),
             "initialDelaySeconds": integer(minimum=0), "periodSeconds": integer(minimum=1),
             "timeoutSeconds": integer(minimum=1), "failureThreshold": integer(minimum=1)},
            required=["path", "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"])
ENV = {"type": "array", "items": obj({"name": string(pattern="^EYRIE_[A-Z0-9_]+$"),
                                      "value": string(), "valueFrom": {"type": "object"}}, required=["name"])}
def job(entry):
    return obj({
        "enabled": boolean(),
        "entryClass": string(pattern="^[a-zA-Z_$][a-zA-Z0-9_$]*(\\.[a-zA-Z_$][a-zA-Z0-9_$]*)+$"),
        "parallelism": integer(minimum=1, maximum=32768),
        "args": {"type": "array", "items": string()},
        "jobManager": obj({"replicas": integer(minimum=1, maximum=3),
                           "resources": obj({"cpu": FLINK_CPU, "memory": FLINK_MEMORY}, required=["cpu", "memory"])},
                          required=["replicas", "resources"]),
        "taskManager": obj({"slots": integer(minimum=1, maximum=256),
                            "resources": obj({"cpu": FLINK_CPU, "memory": FLINK_MEMORY}, required=["cpu", "memory"])},
                           required=["slots", "resources"]),
    }, required=["enabled", "entryClass", "parallelism", "jobManager", "taskManager"])

schema = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Eyrie chart values",
    "type": "object",
    "additionalProperties": False,
    "required": ["kafka", "elasticsearch", "collector", "jobs", "rules", "networkPolicy"],
    "properties": {
        "nameOverride": string(maxLength=40, pattern="^$|" + DNS1123_LABEL),
        "fullnameOverride": string(maxLength=40, pattern="^$|" + DNS1123_LABEL),
        "commonLabels": {"type": "object", "additionalProperties": string()},
        "imagePullSecrets": {"type": "array", "items": obj({"name": string(minLength=1)}, required=["name"])},
        "global": {"type": "object"},
        "kafka": obj({
            "bootstrapServers": string(minLength=1, pattern="^([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\]):[0-9]{1,5}(,([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\]):[0-9]{1,5})*$",
                                       description="host:port[,host:port...]"),
            "securityProtocol": string(enum=["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]),
            "sasl": obj({"mechanism": string(enum=["", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"]),
                         "existingSecret": NAME_OR_EMPTY,
                         "jaasConfigKey": string(pattern="^[-._a-zA-Z0-9]+$"),
                         "jaasConfig": string()}, required=["mechanism", "existingSecret", "jaasConfigKey"]),
            "tls": obj({"truststoreSecret": NAME_OR_EMPTY,
                        "truststoreKey": string(pattern="^[-._a-zA-Z0-9]+$"),
                        "truststorePasswordKey": string(pattern="^$|^[-._a-zA-Z0-9]+$"),
                        "truststoreType": string(enum=["PKCS12", "JKS", "PEM"])},
                       required=["truststoreSecret", "truststoreKey", "truststoreType"]),
            "topics": obj({k: TOPIC for k in ["events", "alerts", "deadLetter", "rules", "rulesStatus"]},
                          required=["events", "alerts", "deadLetter", "rules", "rulesStatus"]),
        }, required=["bootstrapServers", "securityProtocol", "sasl", "tls", "topics"]),
        "elasticsearch": obj({
            "url": string(pattern="^https?://[^,\\s]+(,https?://[^,\\s]+)*$"),
            "indexAlerts": string(pattern="^[a-z0-9][a-z0-9._-]{0,254}$"),
            "auth": obj({"existingSecret": NAME_OR_EMPTY,
                         "usernameKey": string(pattern="^[-._a-zA-Z0-9]+$"),
                         "passwordKey": string(pattern="^[-._a-zA-Z0-9]+$"),
                         "apiKeyKey": string(pattern="^[-._a-zA-Z0-9]+$"),
                         "username": string(), "password": string(), "apiKey": string()},
                        required=["existingSecret", "usernameKey", "passwordKey", "apiKeyKey"]),
            "tls": obj({"caSecret": NAME_OR_EMPTY, "caKey": string(pattern="^[-._a-zA-Z0-9]+$")},
                       required=["caSecret", "caKey"]),
        }, required=["url", "indexAlerts", "auth", "tls"]),
        "collector": obj({
            "enabled": boolean(),
            "image": IMAGE,
            "capabilities": {"type": "array", "minItems": 1, "uniqueItems": True,
                             "items": string(enum=["BPF", "PERFMON", "SYS_PTRACE", "SYS_RESOURCE", "DAC_READ_SEARCH"]),
                             "allOf": [{"contains": {"const": "BPF"}}, {"contains": {"const": "PERFMON"}}],
                             "description": "never SYS_ADMIN or ALL: the collector is designed for CAP_BPF+CAP_PERFMON kernels (>= 5.8)"},
            "seccompProfile": string(enum=["RuntimeDefault", "Localhost", "Unconfined"]),
            "seccompLocalhostProfile": string(),
            "metricsPort": integer(minimum=1024, maximum=65535),
            "hostPaths": obj({k: string(pattern="^/[^\\s]*$") for k in ["tracefs", "debugfs", "proc", "passwd", "group"]},
                             required=["tracefs", "debugfs", "proc", "passwd", "group"]),
            "stateHostPath": string(pattern="^$|^/[^\\s]*$"),
            "spoolSizeLimit": K8S_MEMORY,
            "resources": RESOURCES,
            "priorityClass": obj({"create": boolean(),
                                  "name": string(maxLength=253, pattern="^$|" + DNS1123_SUBDOMAIN),
                                  "value": integer(minimum=0, maximum=1000000000)},
                                 required=["create", "name", "value"]),
            "tolerations": {"type": "array", "items": obj({
                "key": string(), "operator": string(enum=["Exists", "Equal"]), "value": string(),
                "effect": string(enum=["", "NoSchedule", "PreferNoSchedule", "NoExecute"]),
                "tolerationSeconds": integer(minimum=0)})},
            "nodeSelector": {"type": "object", "additionalProperties": string()},
            "affinity": {"type": "object"},
            "updateStrategy": obj({"type": string(enum=["RollingUpdate", "OnDelete"]),
                                   "rollingUpdate": obj({"maxUnavailable": {"type": ["integer", "string"],
                                                                            "pattern": "^[0-9]+%?$", "minimum": 1},
                                                         "maxSurge": {"type": ["integer", "string"]}})},
                                  required=["type"]),
            "livenessProbe": PROBE,
            "readinessProbe": PROBE,
            "serviceAccount": obj({"create": boolean(), "name": NAME_OR_EMPTY,
                                   "automountServiceAccountToken": boolean()},
                                  required=["create", "name", "automountServiceAccountToken"]),
            "podAnnotations": {"type": "object", "additionalProperties": string()},
            "extraEnv": ENV,
        }, required=["enabled", "image", "capabilities", "seccompProfile", "metricsPort", "hostPaths", "resources",
                     "priorityClass", "tolerations", "livenessProbe", "readinessProbe", "serviceAccount"]),
        "jobs": obj({
            "image": IMAGE,
            "flinkVersion": string(enum=["v2_0", "v2_1"]),
            "jarURI": string(pattern="^(local|https?|s3|s3a|gs|abfss?|oss|file)://[^\\s]+\\.jar$"),
            "serviceAccount": obj({"create": boolean(), "name": NAME_OR_EMPTY}, required=["create", "name"]),
            "storageBaseDir": string(pattern="^(s3|s3a|s3p|gs|abfss?|wasbs?|hdfs|oss|file)://[^\\s]+$",
                                     description="durable, shared file system URI (not a pod-local path)"),
            "archiveWarehouse": string(pattern="^$|^(s3|s3a|s3p|gs|abfss?|wasbs?|hdfs|oss|file)://[^\\s]+$"),
            "enableBuiltInPlugins": {"type": "array", "items": string(pattern="^flink-[a-z0-9.-]+\\.jar$")},
            "checkpointInterval": string(pattern="^[1-9][0-9]*(ms|s|min|h)$"),
            "highAvailability": boolean(),
            "upgradeMode": string(enum=["savepoint", "last-state", "stateless"]),
            "flinkConfiguration": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}},
            "extraEnv": ENV,
            "detection": job("dev.eyrie.jobs.DetectionJob"),
            "correlation": job("dev.eyrie.jobs.CorrelationJob"),
            "archive": job("dev.eyrie.jobs.ArchiveJob"),
        }, required=["image", "flinkVersion", "jarURI", "serviceAccount", "storageBaseDir", "checkpointInterval",
                     "highAvailability", "upgradeMode", "detection", "correlation", "archive"]),
        "rules": obj({
            "publish": boolean(),
            "image": IMAGE,
            "includeBundled": boolean(),
            "files": {"type": "object", "propertyNames": {"pattern": "^[-._a-zA-Z0-9]+\\.yaml$"},
                      "additionalProperties": string(minLength=1)},
            "existingConfigMap": NAME_OR_EMPTY,
            "backoffLimit": integer(minimum=0),
            "ttlSecondsAfterFinished": integer(minimum=0),
            "resources": RESOURCES,
        }, required=["publish", "image", "includeBundled", "files", "existingConfigMap"]),
        "networkPolicy": obj({
            "enabled": boolean(),
            "dns": obj({"to": PEERS}, required=["to"]),
            "kafka": obj({"ports": PORTS, "to": PEERS}, required=["ports", "to"]),
            "elasticsearch": obj({"ports": PORTS, "to": PEERS}, required=["ports", "to"]),
            "kubeApiServer": obj({"ports": PORTS, "cidrs": {"type": "array", "minItems": 1, "items":
                                  string(pattern="^[0-9a-fA-F.:]+/[0-9]{1,3}$")}}, required=["ports", "cidrs"]),
            "checkpointStorage": obj({"ports": PORTS, "to": PEERS}, required=["ports", "to"]),
            "flinkOperator": PEERS,
            "metricsFrom": {"type": "array", "items": PEERS["items"]},
        }, required=["enabled", "dns", "kafka", "elasticsearch", "kubeApiServer", "checkpointStorage", "flinkOperator"]),
    },
}
print(json.dumps(schema, indent=2))
