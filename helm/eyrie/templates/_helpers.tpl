{{/* Names are truncated to 63 characters: Kubernetes label values and DNS names allow no more. */}}
{{- define "eyrie.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "eyrie.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "eyrie.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "eyrie.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: eyrie
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component: stable across upgrades (never add the version here). */}}
{{- define "eyrie.selectorLabels" -}}
app.kubernetes.io/name: {{ include "eyrie.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "eyrie.image" -}}
{{- if .digest -}}
{{ .repository }}@{{ .digest }}
{{- else -}}
{{ .repository }}:{{ .tag }}
{{- end -}}
{{- end -}}

{{- define "eyrie.collector.serviceAccountName" -}}
{{- if .Values.collector.serviceAccount.create -}}
{{- default (printf "%s-collector" (include "eyrie.fullname" .)) .Values.collector.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.collector.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "eyrie.jobs.serviceAccountName" -}}
{{- if .Values.jobs.serviceAccount.create -}}
{{- default (printf "%s-flink" (include "eyrie.fullname" .)) .Values.jobs.serviceAccount.name -}}
{{- else -}}
{{- default "flink" .Values.jobs.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "eyrie.collector.priorityClassName" -}}
{{- if .Values.collector.priorityClass.create -}}
{{- default (printf "%s-collector" (include "eyrie.fullname" .)) .Values.collector.priorityClass.name -}}
{{- else -}}
{{- .Values.collector.priorityClass.name -}}
{{- end -}}
{{- end -}}

{{/* Secret holding Kafka credentials: the user's existing one, or the one this chart creates from inline values. */}}
{{- define "eyrie.kafka.saslSecretName" -}}
{{- default (printf "%s-kafka" (include "eyrie.fullname" .)) .Values.kafka.sasl.existingSecret -}}
{{- end -}}

{{- define "eyrie.kafka.saslEnabled" -}}
{{- if or .Values.kafka.sasl.existingSecret .Values.kafka.sasl.jaasConfig -}}true{{- end -}}
{{- end -}}

{{- define "eyrie.elasticsearch.secretName" -}}
{{- default (printf "%s-elasticsearch" (include "eyrie.fullname" .)) .Values.elasticsearch.auth.existingSecret -}}
{{- end -}}

{{/*
Kafka and topic settings as env entries (config keys: deploy/config-keys.md). Credentials are only ever
secretKeyRefs, so they never appear in a rendered pod spec, FlinkDeployment or `helm get values` of a pod.
*/}}
{{- define "eyrie.kafkaEnv" -}}
{{- $k := .Values.kafka -}}
- name: EYRIE_KAFKA_BOOTSTRAP_SERVERS
  value: {{ $k.bootstrapServers | quote }}
- name: EYRIE_KAFKA_SECURITY_PROTOCOL
  value: {{ $k.securityProtocol | quote }}
{{- if $k.sasl.mechanism }}
- name: EYRIE_KAFKA_SASL_MECHANISM
  value: {{ $k.sasl.mechanism | quote }}
{{- end }}
{{- if include "eyrie.kafka.saslEnabled" . }}
- name: EYRIE_KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ include "eyrie.kafka.saslSecretName" . }}
      key: {{ $k.sasl.jaasConfigKey }}
{{- end }}
{{- if $k.tls.truststoreSecret }}
- name: EYRIE_KAFKA_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/eyrie/kafka/%s" $k.tls.truststoreKey | quote }}
- name: EYRIE_KAFKA_TRUSTSTORE_TYPE
  value: {{ $k.tls.truststoreType | quote }}
{{- if $k.tls.truststorePasswordKey }}
- name: EYRIE_KAFKA_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $k.tls.truststoreSecret }}
      key: {{ $k.tls.truststorePasswordKey }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Topic env entries for the topics a component uses: (dict "root" $ "topics" (list "events" ...)). */}}
{{- define "eyrie.topicEnv" -}}
{{- $names := dict "events" "EYRIE_TOPIC_EVENTS" "alerts" "EYRIE_TOPIC_ALERTS" "deadLetter" "EYRIE_TOPIC_DEADLETTER" "rules" "EYRIE_TOPIC_RULES" "rulesStatus" "EYRIE_TOPIC_RULES_STATUS" -}}
{{- range .topics }}
- name: {{ index $names . }}
  value: {{ index $.root.Values.kafka.topics . | quote }}
{{- end }}
{{- end -}}

{{- define "eyrie.elasticsearchEnv" -}}
{{- $e := .Values.elasticsearch -}}
- name: EYRIE_ELASTICSEARCH_URL
  value: {{ $e.url | quote }}
- name: EYRIE_ELASTICSEARCH_INDEX
  value: {{ $e.indexAlerts | quote }}
{{- if or $e.auth.existingSecret $e.auth.username }}
- name: EYRIE_ELASTICSEARCH_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "eyrie.elasticsearch.secretName" . }}
      key: {{ $e.auth.usernameKey }}
      optional: true
- name: EYRIE_ELASTICSEARCH_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "eyrie.elasticsearch.secretName" . }}
      key: {{ $e.auth.passwordKey }}
      optional: true
{{- end }}
{{- if or $e.auth.existingSecret $e.auth.apiKey }}
- name: EYRIE_ELASTICSEARCH_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "eyrie.elasticsearch.secretName" . }}
      key: {{ $e.auth.apiKeyKey }}
      optional: true
{{- end }}
{{- if $e.tls.caSecret }}
- name: EYRIE_ELASTICSEARCH_CA_CERT
  value: {{ printf "/etc/eyrie/elasticsearch/%s" $e.tls.caKey | quote }}
{{- end }}
{{- end -}}

{{/* Volumes + mounts for the Kafka truststore and the Elasticsearch CA (only when configured). */}}
{{- define "eyrie.tlsVolumes" -}}
{{- if .Values.kafka.tls.truststoreSecret }}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.tls.truststoreSecret }}
    items:
      - key: {{ .Values.kafka.tls.truststoreKey }}
        path: {{ .Values.kafka.tls.truststoreKey }}
{{- end }}
{{- if and .elasticsearch .Values.elasticsearch.tls.caSecret }}
- name: elasticsearch-ca
  secret:
    secretName: {{ .Values.elasticsearch.tls.caSecret }}
    items:
      - key: {{ .Values.elasticsearch.tls.caKey }}
        path: {{ .Values.elasticsearch.tls.caKey }}
{{- end }}
{{- end -}}

{{- define "eyrie.tlsVolumeMounts" -}}
{{- if .Values.kafka.tls.truststoreSecret }}
- name: kafka-truststore
  mountPath: /etc/eyrie/kafka
  readOnly: true
{{- end }}
{{- if and .elasticsearch .Values.elasticsearch.tls.caSecret }}
- name: elasticsearch-ca
  mountPath: /etc/eyrie/elasticsearch
  readOnly: true
{{- end }}
{{- end -}}

{{/* NetworkPolicy egress rule: {to: [peers], ports: [tcp ports]}. */}}
{{- define "eyrie.np.egress" -}}
- to:
    {{- toYaml .to | nindent 4 }}
  ports:
    {{- range .ports }}
    - protocol: TCP
      port: {{ . }}
    {{- end }}
{{- end -}}

{{- define "eyrie.np.dns" -}}
- to:
    {{- toYaml .to | nindent 4 }}
  ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
{{- end -}}

{{/* "true" when at least one Flink job is enabled (the jobs' RBAC and NetworkPolicy exist only then). */}}
{{- define "eyrie.jobs.anyEnabled" -}}
{{- if or .Values.jobs.detection.enabled .Values.jobs.correlation.enabled .Values.jobs.archive.enabled -}}true{{- end -}}
{{- end -}}
