package io.verso.registry.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code pipeline_policy} and {@code gate_evaluation}; callers hold the transaction. */
@Repository
class PipelineStore {

    private static final TypeReference<List<GateCheck>> CHECKS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    PipelineStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record StoredPolicy(PipelinePolicy policy, String updatedBy, Instant updatedAt) {
    }

    void savePolicy(long modelId, PipelinePolicy p, String actor) {
        jdbc.update("""
                insert into pipeline_policy (model_id, auto_rollout, accuracy_metric, max_accuracy_drop,
                    require_schema_compatible, serving_signature, canary_weight, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (model_id) do update set auto_rollout = excluded.auto_rollout,
                    accuracy_metric = excluded.accuracy_metric, max_accuracy_drop = excluded.max_accuracy_drop,
                    require_schema_compatible = excluded.require_schema_compatible,
                    serving_signature = excluded.serving_signature, canary_weight = excluded.canary_weight,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """, modelId, p.autoRollout(), p.accuracyMetric(), p.maxAccuracyDrop(), p.requireSchemaCompatible(),
                p.servingSignature(), p.canaryWeight(), actor);
    }

    Optional<StoredPolicy> findPolicy(long modelId) {
        return jdbc.query("select * from pipeline_policy where model_id = ?", (rs, n) -> new StoredPolicy(
                new PipelinePolicy(rs.getBoolean("auto_rollout"), rs.getString("accuracy_metric"),
                        rs.getDouble("max_accuracy_drop"), rs.getBoolean("require_schema_compatible"),
                        rs.getString("serving_signature"), rs.getInt("canary_weight")),
                rs.getString("updated_by"), instant(rs, "updated_at")), modelId).stream().findFirst();
    }

    void saveEvaluation(long modelId, long version, Long stableVersion, boolean passed, boolean autoRollout,
                        List<GateCheck> checks) {
        jdbc.update("""
                insert into gate_evaluation (model_id, version, stable_version, passed, auto_rollout, checks)
                values (?, ?, ?, ?, ?, ?::jsonb)
                """, modelId, version, stableVersion, passed, autoRollout, json.writeValueAsString(checks));
    }

    void recordRollout(long modelId, long version, String rollout) {
        jdbc.update("update gate_evaluation set rollout = ? where model_id = ? and version = ?", rollout, modelId,
                version);
    }

    Optional<GateEvaluationView> findEvaluation(long modelId, String modelName, long version) {
        return jdbc.query("select * from gate_evaluation where model_id = ? and version = ?", (rs, n) ->
                new GateEvaluationView(modelName, version, (Long) rs.getObject("stable_version"),
                        rs.getBoolean("passed"), rs.getBoolean("auto_rollout"),
                        json.readValue(rs.getString("checks"), CHECKS), rs.getString("rollout"),
                        instant(rs, "evaluated_at")), modelId, version).stream().findFirst();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
