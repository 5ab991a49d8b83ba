package io.verso.registry.analysis;

import static io.verso.registry.security.RegistryWebSlice.POD_REPORT_LIMIT;
import static io.verso.registry.security.RegistryWebSlice.bearer;
import static io.verso.registry.security.RegistryWebSlice.overThePodReportLimit;
import static io.verso.registry.security.RegistryWebSlice.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.verso.registry.error.RegistryException;
import io.verso.registry.security.RegistryWebSlice;
import io.verso.registry.security.Role;
import io.verso.registry.security.TokenService;
import java.time.Instant;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The monitoring endpoints' answers to bad requests, with the real filter chain (the pod report filter included)
 * and problem handler and no database. The summaries' figures are checked by {@link MonitoringIntake}
 * ({@code MonitoringAnalysisIT} covers that); what is decided before it is asked is here.
 */
@WebMvcTest(MonitoringController.class)
@Import(RegistryWebSlice.class)
class MonitoringWebTest {

    private static final String REPORT = "{\"podId\": \"pod-a\", \"summaries\": [{\"model\": \"iris\", "
            + "\"version\": 2, \"windowSeconds\": 60, \"requests\": 120, \"errors\": 1}]}";

    @Autowired
    MockMvc mvc;

    /** The slice's token lookup; the pod report filter asks it which pod a token is bound to. */
    @Autowired
    TokenService tokens;

    @MockitoBean
    MonitoringIntake intake;

    @MockitoBean
    MonitoringAnalysis analysis;

    @Test
    void aReportReachesTheIntakeThroughThePodFilter() throws Exception {
        when(intake.report(any())).thenReturn(Instant.parse("2026-01-01T00:01:00Z"));
        report(Role.POD, REPORT).andExpect(status().isOk())
                .andExpect(jsonPath("$.podId").value("pod-a"))
                .andExpect(jsonPath("$.summaries").value(1));
    }

    @Test
    void malformedJsonIsABadRequestNamingTheField() throws Exception {
        problem(report(Role.POD, REPORT.replace("120", "\"many\"")), 400)
                .andExpect(jsonPath("$.field").value("summaries[0].requests"))
                .andExpect(jsonPath("$.detail").value(
                        Matchers.startsWith("malformed JSON request body at 'summaries[0].requests'")));
        problem(report(Role.POD, "{\"podId\": \"pod-a\", \"summaries\": {}}"), 400)
                .andExpect(jsonPath("$.field").value("summaries"));
        problem(report(Role.POD, "{\"podId\": \"pod-a\", \"summaries\": ["), 400)
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body")));
        problem(report(Role.POD, ""), 400);
        verifyNoInteractions(intake);
    }

    @Test
    void aReportOverThePodFilterLimitIsTooLarge() throws Exception {
        problem(report(Role.POD, overThePodReportLimit(REPORT)), 413)
                .andExpect(jsonPath("$.detail").value("a pod report may not exceed " + POD_REPORT_LIMIT + " bytes"));
        verifyNoInteractions(intake);
    }

    /** Summaries drive canary analysis: a token bound to one pod may not speak for another. */
    @Test
    void aPodTokenReportsOnlyForThePodItIsBoundTo() throws Exception {
        when(tokens.bindPod("pod-caller", "pod-b")).thenReturn(Optional.of("pod-a"));
        problem(report(Role.POD, REPORT.replace("pod-a", "pod-b")), 403)
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("belongs to pod 'pod-a'")));
        verifyNoInteractions(intake);
    }

    @Test
    void aVersionThatIsNotANumberIsABadRequestAndAnUnknownOneNotFound() throws Exception {
        problem(monitoring("/api/v1/models/iris/versions/latest/monitoring"), 400)
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.detail").value("version must be a long, but was 'latest'"));
        verifyNoInteractions(analysis);
        when(analysis.version("iris", 9)).thenThrow(RegistryException.notFound("version", "iris has no version 9"));
        problem(monitoring("/api/v1/models/iris/versions/9/monitoring"), 404)
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.detail").value("iris has no version 9"));
    }

    @Test
    void anUnsupportedMethodIsNotAllowed() throws Exception {
        problem(monitoring("/api/v1/feed/monitoring"), 405)
                .andExpect(header().string(HttpHeaders.ALLOW, Matchers.containsString("POST")));
        problem(mvc.perform(delete("/api/v1/models/iris/versions/2/monitoring")
                .header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))), 405)
                .andExpect(header().string(HttpHeaders.ALLOW, Matchers.containsString("GET")));
        verifyNoInteractions(intake, analysis);
    }

    @Test
    void onlyPodsReportAndViewersRead() throws Exception {
        problem(mvc.perform(post("/api/v1/feed/monitoring").contentType(MediaType.APPLICATION_JSON).content(REPORT)),
                401);
        for (Role notAPod : new Role[] {Role.GATEWAY, Role.DEPLOYER, Role.PUBLISHER}) {
            problem(report(notAPod, REPORT), 403);
        }
        problem(mvc.perform(get("/api/v1/models/iris/versions/2/monitoring")), 401);
        for (Role notAViewer : new Role[] {Role.POD, Role.GATEWAY, Role.PUBLISHER}) {
            problem(mvc.perform(get("/api/v1/models/iris/versions/2/monitoring")
                    .header(HttpHeaders.AUTHORIZATION, bearer(notAViewer))), 403);
        }
        verifyNoInteractions(intake, analysis);
    }

    private ResultActions report(Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/feed/monitoring").header(HttpHeaders.AUTHORIZATION, bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions monitoring(String path) throws Exception {
        return mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, bearer(Role.VIEWER)));
    }
}
