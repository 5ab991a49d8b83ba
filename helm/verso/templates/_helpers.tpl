{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "verso.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: <release>-<chart>, or <release> when it already contains the chart name. */}}
{{- define "verso.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's resources: <fullname>-<component>. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "verso.componentName" -}}
{{- printf "%s-%s" (include "verso.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{- define "verso.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "verso.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: verso
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels of one component. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "verso.componentLabels" -}}
{{ include "verso.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Selector labels of one component: stable across upgrades. */}}
{{- define "verso.selectorLabels" -}}
app.kubernetes.io/name: {{ include "verso.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "verso.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "verso.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* image reference: repository:tag, the tag defaulting to the appVersion. Call with (dict "root" $ "image" .Values.x.image "suffix" ""). */}}
{{- define "verso.image" -}}
{{- $tag := default .root.Chart.AppVersion .image.tag }}
{{- if and (not .image.tag) .suffix }}{{ $tag = printf "%s%s" $tag .suffix }}{{ end }}
{{- printf "%s:%s" .image.repository $tag }}
{{- end }}

{{- define "verso.inference.image" -}}
{{- $suffix := "" }}
{{- if .Values.inference.gpu.enabled }}{{ $suffix = .Values.inference.gpu.imageTagSuffix }}{{ end }}
{{- include "verso.image" (dict "root" . "image" .Values.inference.image "suffix" $suffix) }}
{{- end }}

{{/* Startup, readiness and liveness probes on the service's actuator health groups. Call with (dict "probes" .Values.x.probes). */}}
{{- define "verso.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: {{ .probes.startup.periodSeconds }}
  timeoutSeconds: {{ .probes.startup.timeoutSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: http}
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
{{- end }}

{{/* Spring properties every service gets from the chart (merged under the service's own config values). */}}
{{- define "verso.commonConfig" -}}
{{- $c := dict }}
{{- if .Values.metrics.httpHistograms }}
{{- $_ := set $c "management" (dict "metrics" (dict "distribution" (dict "percentiles-histogram" (dict "[http.server.requests]" true)))) }}
{{- end }}
{{- toYaml $c }}
{{- end }}

{{/* Database: host, JDBC URL and the Secret holding the password. */}}
{{- define "verso.db.host" -}}
{{- if .Values.postgresql.enabled }}{{ include "verso.componentName" (dict "root" . "component" "postgresql") }}{{ else }}{{ .Values.externalDatabase.host }}{{ end }}
{{- end }}

{{- define "verso.db.jdbcUrl" -}}
{{- if .Values.postgresql.enabled }}
{{- printf "jdbc:postgresql://%s:5432/%s" (include "verso.db.host" .) .Values.postgresql.auth.database }}
{{- else }}
{{- $url := printf "jdbc:postgresql://%s:%d/%s" .Values.externalDatabase.host (int .Values.externalDatabase.port) .Values.externalDatabase.database }}
{{- if .Values.externalDatabase.jdbcParams }}{{ $url = printf "%s?%s" $url .Values.externalDatabase.jdbcParams }}{{ end }}
{{- $url }}
{{- end }}
{{- end }}

{{- define "verso.db.username" -}}
{{- if .Values.postgresql.enabled }}{{ .Values.postgresql.auth.username }}{{ else }}{{ .Values.externalDatabase.username }}{{ end }}
{{- end }}

{{- define "verso.db.secretName" -}}
{{- if and .Values.postgresql.enabled .Values.postgresql.auth.existingSecret }}{{ .Values.postgresql.auth.existingSecret }}
{{- else if and (not .Values.postgresql.enabled) .Values.externalDatabase.existingSecret }}{{ .Values.externalDatabase.existingSecret }}
{{- else }}{{ include "verso.componentName" (dict "root" . "component" "db") }}{{ end }}
{{- end }}

{{- define "verso.db.secretKey" -}}
{{- if and .Values.postgresql.enabled .Values.postgresql.auth.existingSecret }}{{ .Values.postgresql.auth.existingSecretKey }}
{{- else if and (not .Values.postgresql.enabled) .Values.externalDatabase.existingSecret }}{{ .Values.externalDatabase.existingSecretKey }}
{{- else }}password{{ end }}
{{- end }}

{{/* True when the chart creates the DB password Secret. */}}
{{- define "verso.db.createSecret" -}}
{{- if .Values.postgresql.enabled }}{{ if not .Values.postgresql.auth.existingSecret }}true{{ end }}
{{- else }}{{ if not .Values.externalDatabase.existingSecret }}true{{ end }}{{ end }}
{{- end }}

{{- define "verso.registry.tokenSecretName" -}}
{{- default (include "verso.componentName" (dict "root" . "component" "registry-auth")) .Values.registry.auth.existingSecret }}
{{- end }}

{{- define "verso.registry.tokenSecretKey" -}}
{{- if .Values.registry.auth.existingSecret }}{{ .Values.registry.auth.existingSecretKey }}{{ else }}bootstrap-token{{ end }}
{{- end }}

{{/* Keys of the pods' and the gateways' machine credentials in the registry auth Secret. */}}
{{- define "verso.registry.podTokenKey" -}}
{{- if .Values.registry.auth.existingSecret }}{{ .Values.registry.auth.existingSecretPodTokenKey }}{{ else }}pod-token{{ end }}
{{- end }}

{{- define "verso.gateway.clientApiKeyKey" -}}
{{- if .Values.registry.auth.existingSecret }}{{ .Values.registry.auth.existingSecretClientApiKeyKey }}{{ else }}client-api-key{{ end }}
{{- end }}

{{- define "verso.registry.gatewayTokenKey" -}}
{{- if .Values.registry.auth.existingSecret }}{{ .Values.registry.auth.existingSecretGatewayTokenKey }}{{ else }}gateway-token{{ end }}
{{- end }}

{{/* The registry's base URL inside the cluster (its Service). */}}
{{- define "verso.registry.uri" -}}
{{- printf "http://%s:%d" (include "verso.componentName" (dict "root" . "component" "registry")) (int .Values.registry.service.port) }}
{{- end }}

{{/* A secret value: the given one, else the one already in the cluster (upgrades keep it), else a random one. */}}
{{- define "verso.secretValue" -}}
{{- if .value }}{{ .value }}
{{- else }}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret }}
{{- if and $existing (hasKey $existing.data .key) }}{{ index $existing.data .key | b64dec }}
{{- else }}{{ randAlphaNum 32 }}{{ end }}
{{- end }}
{{- end }}

{{/* preStop hook that delays SIGTERM until endpoints have dropped the pod. */}}
{{- define "verso.preStop" -}}
{{- if gt (int .) 0 }}
lifecycle:
  preStop:
    exec:
      command: ["sleep", "{{ . }}"]
{{- end }}
{{- end }}

{{/* Checks the templates cannot express in values.schema.json. */}}
{{- define "verso.validate" -}}
{{- if and (not .Values.postgresql.enabled) (not .Values.externalDatabase.host) }}
{{- fail "postgresql.enabled=false needs externalDatabase.host" }}
{{- end }}
{{- range $c := list "gateway" "inference" }}
{{- $a := (index $.Values $c).autoscaling }}
{{- if and $a.enabled (gt (int $a.minReplicas) (int $a.maxReplicas)) }}
{{- fail (printf "%s.autoscaling.minReplicas must not exceed maxReplicas" $c) }}
{{- end }}
{{- end }}
{{- $a := .Values.inference.autoscaling }}
{{- if and $a.enabled (not $a.targetCPUUtilizationPercentage) (not $a.customMetric.enabled) }}
{{- fail "inference.autoscaling needs targetCPUUtilizationPercentage or customMetric.enabled" }}
{{- end }}
{{- end }}
