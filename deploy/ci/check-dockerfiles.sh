#!/usr/bin/env bash
# Checks deploy/docker/*.Dockerfile without a Docker engine: that each builds, from paths that exist in the build
# context (the repository root, less its .dockerignore), the jar it then copies, and that the jar is what the runtime
# stage expects. Per Dockerfile:
#   - the module named by `-pl <module>` is a module of the parent POM, with that artifactId, a main class and the
#     Spring Boot plugin; -Pgpu only where the parent POM has a gpu profile;
#   - the jar path it copies (<module>/target/<module>-*.jar) is the one Maven writes for that module;
#   - the .dockerignore beside it does not hide mvnw, .mvn, the POMs or a module's sources;
#   - COPY sources of the build context exist; COPY --from stages exist; a non-root USER, a HEALTHCHECK and an
#     ENTRYPOINT are set; EXPOSE matches the service's server.port;
#   - with the jar built (by .ci/run's verify, or here when VERSO_DEPLOY_BUILD_JARS=1), `java -Djarmode=tools
#     extract --layers` on it gives the four layer folders the runtime stage copies, and the application layer holds
#     the jar the ENTRYPOINT starts.
# Usage: deploy/ci/check-dockerfiles.sh   (from anywhere; exit 1 on the first class of problem found, all listed)
set -euo pipefail
cd "$(dirname "$0")/../.."

problems=0
fail() { echo "check-dockerfiles: $*" >&2; problems=$((problems + 1)); }

modules=$(sed -n 's:^ *<module>\(.*\)</module>.*:\1:p' pom.xml)
has_gpu_profile=$(grep -c '<id>gpu</id>' pom.xml || true)
[[ -x mvnw && -d .mvn/wrapper ]] || fail "mvnw or .mvn/wrapper missing"

declare -A ports=([inference-service]=8501 [registry-service]=8090 [gateway]=8080)
declare -A built_jars=()

shopt -s nullglob
dockerfiles=(deploy/docker/*.Dockerfile)
((${#dockerfiles[@]} >= 4)) || fail "expected at least 4 Dockerfiles under deploy/docker, found ${#dockerfiles[@]}"

for df in "${dockerfiles[@]}"; do
  name=$(basename "$df")
  module=$(grep -o -- '-pl [a-z-]*' "$df" | head -1 | cut -d' ' -f2)
  if [[ -z "$module" ]]; then fail "$name: no './mvnw ... -pl <module>' build"; continue; fi
  grep -qx "$module" <<<"$modules" || fail "$name: -pl $module is not a module of pom.xml ($(echo $modules))"
  [[ -f "$module/pom.xml" ]] || { fail "$name: $module/pom.xml missing"; continue; }
  artifact=$(sed -n '/<parent>/,/<\/parent>/d; s:^  <artifactId>\(.*\)</artifactId>.*:\1:p' "$module/pom.xml" | head -1)
  [[ "$artifact" == "$module" ]] || fail "$name: $module/pom.xml has artifactId '$artifact'; the jar name would differ"
  grep -q 'spring-boot-maven-plugin' "$module/pom.xml" || fail "$name: $module does not repackage with spring-boot-maven-plugin"
  grep -rqs --include='*.java' '@SpringBootApplication' "$module/src/main/java" || fail "$name: $module has no @SpringBootApplication"
  grep -q -- "cp $module/target/$module-\*.jar /out/app.jar" "$df" || fail "$name: does not copy $module/target/$module-*.jar"
  if grep -q -- '-Pgpu' "$df"; then
    ((has_gpu_profile > 0)) || fail "$name: uses -Pgpu, but pom.xml has no gpu profile"
    grep -q 'linux-x86_64-gpu' pom.xml || fail "$name: the gpu profile does not select linux-x86_64-gpu"
  fi
  if grep -q 'demo-models-\*.jar' "$df"; then
    grep -q '<artifactId>demo-models</artifactId>' "$module/pom.xml" || fail "$name: copies demo-models, which -am does not build for $module"
    [[ -f demo-models/src/main/java/io/verso/demo/DemoModels.java ]] || fail "$name: io.verso.demo.DemoModels missing"
  fi

  # The build context as Docker sees it: the .dockerignore beside the Dockerfile must not hide what Maven reads.
  ignore="$df.dockerignore"
  [[ -f "$ignore" ]] || fail "$name: no $name.dockerignore (the whole repository, target/ folders too, would be sent)"
  if [[ -f "$ignore" ]]; then
    while read -r pattern; do
      [[ -z "$pattern" || "$pattern" == \#* ]] && continue
      for needed in mvnw .mvn pom.xml $modules; do
        [[ "$pattern" == "$needed" || "$pattern" == "$needed/" || "$pattern" == "/$needed" ]] && fail "$name: $ignore excludes $needed"
      done
    done <"$ignore"
  fi

  # COPY sources from the context exist; COPY --from names a stage (or an image).
  stages=$(sed -n 's/^FROM .* AS \([a-z0-9_-]*\)$/\1/Ip' "$df")
  while read -r line; do
    args=${line#COPY }
    from=$(grep -o -- '--from=[^ ]*' <<<"$args" | cut -d= -f2 || true)
    if [[ -n "$from" ]]; then
      grep -qx "$from" <<<"$stages" || [[ "$from" == *:* ]] || fail "$name: COPY --from=$from names no stage"
      continue
    fi
    read -ra parts <<<"$(sed 's/--[a-z]*=[^ ]*//g' <<<"$args")"
    for src in "${parts[@]:0:${#parts[@]}-1}"; do
      [[ -e "$src" ]] || fail "$name: COPY source $src does not exist in the build context"
    done
  done < <(grep '^COPY ' "$df")

  grep -q '^USER 10001' "$df" || fail "$name: does not switch to the non-root user 10001"
  grep -q '^HEALTHCHECK ' "$df" || fail "$name: no HEALTHCHECK"
  grep -q '^ENTRYPOINT \["java", "-jar", "/opt/verso/app.jar"\]' "$df" || fail "$name: ENTRYPOINT does not start /opt/verso/app.jar"
  grep -q "^EXPOSE ${ports[$module]}\$" "$df" || fail "$name: EXPOSE is not ${ports[$module]} ($module's server.port)"
  configured=$(sed -n 's/^  port: \([0-9]*\)$/\1/p' "$module/src/main/resources/application.yml" | head -1)
  [[ "$configured" == "${ports[$module]}" ]] || fail "$name: $module's application.yml sets server.port $configured"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    grep -q "^COPY --from=build /out/layers/$layer/ ./" "$df" || fail "$name: does not copy the $layer layer"
  done
  built_jars[$module]=1
done

# With the jars built, prove the extract step and the runtime layout: app.jar plus lib/ after the four COPYs.
jars_missing=()
for module in "${!built_jars[@]}"; do
  compgen -G "$module/target/$module-*.jar" >/dev/null || jars_missing+=("$module")
done
if ((${#jars_missing[@]})) && [[ "${VERSO_DEPLOY_BUILD_JARS:-0}" == 1 ]]; then
  echo "check-dockerfiles: building ${jars_missing[*]} as the Dockerfiles do (./mvnw -DskipTests -pl ... -am package)"
  ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${jars_missing[*]}")" -am package
  jars_missing=()
fi
if ((${#jars_missing[@]})); then
  echo "check-dockerfiles: jars of ${jars_missing[*]} not built: layer extraction not checked (run after ./mvnw package, or set VERSO_DEPLOY_BUILD_JARS=1)"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for module in "${!built_jars[@]}"; do
  jar=$(compgen -G "$module/target/$module-*.jar" | grep -v '\.original$' | head -1 || true)
  [[ -n "$jar" ]] || continue
  cp "$jar" "$work/app.jar"
  rm -rf "$work/layers" "$work/image"
  if ! java -Djarmode=tools -jar "$work/app.jar" extract --layers --destination "$work/layers" >/dev/null; then
    fail "$module: java -Djarmode=tools extract --layers failed on $jar"
    continue
  fi
  mkdir -p "$work/image"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [[ -d "$work/layers/$layer" ]] || fail "$module: extract gave no $layer layer"
    cp -r "$work/layers/$layer/." "$work/image/"
  done
  [[ -f "$work/image/app.jar" ]] || fail "$module: the application layer holds no app.jar"
  ls "$work/image/lib/"*.jar >/dev/null 2>&1 || fail "$module: no lib/ beside app.jar"
  rm -rf "$work/manifest" && mkdir "$work/manifest"
  (cd "$work/manifest" && jar xf "$work/image/app.jar" META-INF/MANIFEST.MF)
  main=$(tr -d '\r' <"$work/manifest/META-INF/MANIFEST.MF" | sed -n 's/^Main-Class: //p')
  [[ -n "$main" ]] || fail "$module: app.jar has no Main-Class"
  if [[ "$module" == inference-service ]]; then
    ls "$work/image/lib/" | grep -q '^tensorflow-core-native-.*-linux-x86_64.jar$' || fail "$module: no TensorFlow natives in lib/"
  fi
  echo "check-dockerfiles: $module: layers extract to app.jar + $(ls "$work/image/lib" | wc -l) jars in lib/ (Main-Class $main)"
done

if ((problems)); then
  echo "check-dockerfiles: $problems problem(s)" >&2
  exit 1
fi
echo "check-dockerfiles: ${#dockerfiles[@]} Dockerfiles consistent with the Maven build"
