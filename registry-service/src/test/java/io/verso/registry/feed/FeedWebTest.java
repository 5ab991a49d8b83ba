package io.verso.registry.feed;

import static io.verso.registry.security.RegistryWebSlice.POD_REPORT_LIMIT;
import static io.verso.registry.security.RegistryWebSlice.bearer;
import static io.verso.registry.security.RegistryWebSlice.overThePodReportLimit;
import static io.verso.registry.security.RegistryWebSlice.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.verso.contracts.PodStatus;
import io.verso.contracts.PodStatusReceipt;
import io.verso.registry.security.RegistryWebSlice;
import io.verso.registry.security.Role;
import io.verso.registry.security.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The feed endpoints' answers to bad requests, with the real filter chain (the pod report filter included) and
 * problem handler and no database. The pod status body is checked by {@link PodStatusService}
 * ({@code FeedLongPollIT} covers that); what is decided before it is asked is here: the JSON, the size, the roles,
 * the pod a token belongs to and the long-poll parameters.
 */
@WebMvcTest(FeedController.class)
@Import({RegistryWebSlice.class, FeedWebTest.Settings.class})
class FeedWebTest {

    private static final String REPORT = "{\"podId\": \"pod-a\", \"endpoint\": \"http://10.1.2.3:8500\", "
            + "\"versions\": [{\"model\": \"iris\", \"version\": 2, \"state\": \"AVAILABLE\"}]}";

    @Autowired
    MockMvc mvc;

    /** The slice's token lookup; the pod report filter asks it which pod a token is bound to. */
    @Autowired
    TokenService tokens;

    @MockitoBean
    FeedService feeds;

    /** A lifecycle bean: the context starts and stops it, so refusals check only that nobody was made to wait. */
    @MockitoBean
    FeedWatchers watchers;

    @MockitoBean
    PodStatusService pods;

    /** A value, not a collaborator to stub: the settings the registry starts with by default. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Settings {
        @Bean
        FeedSettings feedSettings() {
            return new FeedSettings(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    @Test
    void aReportReachesTheServiceIntactThroughThePodFilter() throws Exception {
        when(pods.report(any())).thenReturn(new PodStatusReceipt("pod-a", Instant.parse("2026-01-01T00:00:30Z"), 30));
        report(Role.POD, REPORT).andExpect(status().isOk())
                .andExpect(jsonPath("$.podId").value("pod-a"))
                .andExpect(jsonPath("$.ttlSeconds").value(30));
        ArgumentCaptor<PodStatus> reported = ArgumentCaptor.forClass(PodStatus.class);
        verify(pods).report(reported.capture());
        assertThat(reported.getValue().podId()).isEqualTo("pod-a");
        assertThat(reported.getValue().endpoint()).isEqualTo("http://10.1.2.3:8500");
        assertThat(reported.getValue().versions()).hasSize(1);
    }

    @Test
    void malformedJsonIsABadRequestNamingTheField() throws Exception {
        problem(report(Role.POD, REPORT.replace("AVAILABLE", "RUNNING")), 400)
                .andExpect(jsonPath("$.field").value("versions[0].state"))
                .andExpect(jsonPath("$.detail").value(
                        Matchers.startsWith("malformed JSON request body at 'versions[0].state'")));
        problem(report(Role.POD, REPORT.replace("2,", "\"two\",")), 400)
                .andExpect(jsonPath("$.field").value("versions[0].version"));
        problem(report(Role.POD, "{\"podId\": \"pod-a\", \"endpoint\": "), 400)
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body")));
        problem(report(Role.POD, ""), 400)
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body")));
        verifyNoInteractions(pods);
    }

    @Test
    void aReportOverThePodFilterLimitIsTooLarge() throws Exception {
        problem(report(Role.POD, overThePodReportLimit(REPORT)), 413)
                .andExpect(jsonPath("$.detail").value("a pod report may not exceed " + POD_REPORT_LIMIT + " bytes"));
        verifyNoInteractions(pods);
    }

    /** The filter asks the token store which pod the token was bound to by its first report; here, another one. */
    @Test
    void aPodTokenReportsOnlyForThePodItIsBoundTo() throws Exception {
        when(tokens.bindPod("pod-caller", "pod-b")).thenReturn(Optional.of("pod-a"));
        problem(report(Role.POD, REPORT.replace("pod-a", "pod-b")), 403)
                .andExpect(jsonPath("$.detail").value("token 'pod-caller' belongs to pod 'pod-a' (bound by its "
                        + "first report) and may not report for pod 'pod-b'"));
        verifyNoInteractions(pods);
    }

    @Test
    void longPollWaitsThatAreNotDurationsNameTheParameter() throws Exception {
        problem(mvc.perform(get("/api/v1/feed/desired-state").param("wait", "soon").header(HttpHeaders.IF_NONE_MATCH,
                "\"r1\"").header(HttpHeaders.AUTHORIZATION, bearer(Role.POD))), 400)
                .andExpect(jsonPath("$.field").value("wait"))
                .andExpect(jsonPath("$.detail").value("wait must be a duration such as 30s or 500ms, but was 'soon'"));
        problem(mvc.perform(get("/api/v1/feed/routing-table").param("wait", "-5s").header(HttpHeaders.IF_NONE_MATCH,
                "\"r1\"").header(HttpHeaders.AUTHORIZATION, bearer(Role.GATEWAY))), 400)
                .andExpect(jsonPath("$.field").value("wait"))
                .andExpect(jsonPath("$.detail").value("wait must not be negative, but was '-5s'"));
        verifyNoInteractions(feeds);
        verify(watchers, never()).watch(any());
    }

    /** Security answers first: only a caller allowed some method on the path learns which methods it offers. */
    @Test
    void anUnsupportedMethodIsNotAllowed() throws Exception {
        problem(mvc.perform(put("/api/v1/feed/pod-status").header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER))
                .contentType(MediaType.APPLICATION_JSON).content(REPORT)), 405)
                .andExpect(header().string(HttpHeaders.ALLOW, Matchers.containsString("POST")));
        problem(mvc.perform(delete("/api/v1/feed/routing-table").header(HttpHeaders.AUTHORIZATION,
                bearer(Role.ADMIN))), 405)
                .andExpect(header().string(HttpHeaders.ALLOW, Matchers.containsString("GET")));
        verifyNoInteractions(feeds, pods);
        verify(watchers, never()).watch(any());
    }

    @Test
    void onlyPodsReportAndEachFeedHasItsReaders() throws Exception {
        problem(mvc.perform(post("/api/v1/feed/pod-status").contentType(MediaType.APPLICATION_JSON).content(REPORT)),
                401);
        problem(mvc.perform(get("/api/v1/feed/routing-table").header(HttpHeaders.AUTHORIZATION, "Bearer nobody")), 401)
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("unknown or revoked")));
        for (Role notAPod : new Role[] {Role.GATEWAY, Role.VIEWER, Role.ADMIN, Role.PUBLISHER}) {
            problem(report(notAPod, REPORT), 403)
                    .andExpect(jsonPath("$.detail").value(Matchers.endsWith("its role does not allow it")));
        }
        problem(mvc.perform(get("/api/v1/feed/routing-table").header(HttpHeaders.AUTHORIZATION, bearer(Role.POD))),
                403);
        problem(mvc.perform(get("/api/v1/feed/desired-state").header(HttpHeaders.AUTHORIZATION,
                bearer(Role.GATEWAY))), 403);
        verifyNoInteractions(feeds, pods);
        verify(watchers, never()).watch(any());
    }

    private ResultActions report(Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/feed/pod-status").header(HttpHeaders.AUTHORIZATION, bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
