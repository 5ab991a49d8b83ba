package io.verso.registry.webhook;

import static io.verso.registry.security.RegistryWebSlice.bearer;
import static io.verso.registry.security.RegistryWebSlice.problem;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import io.verso.registry.security.RegistryWebSlice;
import io.verso.registry.security.Role;
import io.verso.registry.error.RegistryException;
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

/** The webhook endpoints' answers to bad requests, before {@link WebhookService} is asked. */
@WebMvcTest(WebhookController.class)
@Import(RegistryWebSlice.class)
class WebhookWebTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    WebhookService service;

    @Test
    void urlsSecretsAndEventTypesNameTheirField() throws Exception {
        problem(create(Role.ADMIN, "{\"url\": \"ftp://hooks.example/x\"}"), 400)
                .andExpect(jsonPath("$.field").value("url"))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("url must be an http:// or https:// URL")));
        problem(create(Role.ADMIN, "{\"url\": \"https://hooks.example/x\", \"secret\": \"short\"}"), 400)
                .andExpect(jsonPath("$.field").value("secret"));
        problem(create(Role.ADMIN, "{\"url\": \"https://hooks.example/" + "x".repeat(2000) + "\"}"), 400)
                .andExpect(jsonPath("$.field").value("url"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("at most 2000 characters")));
        problem(create(Role.ADMIN, "{\"url\": \"https://hooks.example/x\", \"eventTypes\": [\"deploy\"]}"), 400)
                .andExpect(jsonPath("$.field").value(Matchers.startsWith("eventTypes")));
        problem(create(Role.ADMIN, "{\"url\": \"https://hooks.example/x\", \"eventTypes\": \"*\""), 400)
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body")));
        verifyNoInteractions(service);
    }

    @Test
    void anIdThatIsNotANumberIsABadRequestAndAnUnknownOneNotFound() throws Exception {
        problem(mvc.perform(delete("/api/v1/webhooks/first").header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))),
                400).andExpect(jsonPath("$.field").value("id"))
                .andExpect(jsonPath("$.detail").value("id must be a long, but was 'first'"));
        doThrow(RegistryException.notFound("id", "webhook 404 does not exist")).when(service).delete(404, "admin-caller");
        problem(mvc.perform(delete("/api/v1/webhooks/404").header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))),
                404).andExpect(jsonPath("$.detail").value("webhook 404 does not exist"));
    }

    @Test
    void onlyAdminsChooseWhereTheRegistrySendsRequests() throws Exception {
        problem(create(Role.DEPLOYER, "{\"url\": \"https://hooks.example/x\"}"), 403);
        problem(mvc.perform(post("/api/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\": \"https://hooks.example/x\"}")), 401);
        problem(mvc.perform(put("/api/v1/webhooks/1").header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))), 405);
        verifyNoInteractions(service);
    }

    private ResultActions create(Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/webhooks").header(HttpHeaders.AUTHORIZATION, bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
