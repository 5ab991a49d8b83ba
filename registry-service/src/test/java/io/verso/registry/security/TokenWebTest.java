package io.verso.registry.security;

import static io.verso.registry.security.RegistryWebSlice.bearer;
import static io.verso.registry.security.RegistryWebSlice.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import io.verso.contracts.ModelNames;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The token endpoints' answers to bad requests. The slice's {@link TokenService} is the controller's collaborator
 * too: every refusal here must leave it unasked to issue or revoke anything.
 */
@WebMvcTest(TokenController.class)
@Import(RegistryWebSlice.class)
class TokenWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TokenService tokens;

    @AfterEach
    void nothingWasIssuedOrRevoked() {
        verify(tokens, never()).create(any(), anyString());
        verify(tokens, never()).revoke(anyString(), anyString());
    }

    @Test
    void aClientKeyScopedToAnInvalidModelNameIsRefusedWithTheSharedRule() throws Exception {
        problem(create("{\"name\": \"app\", \"role\": \"client\", \"models\": [\"iris\", \"Bad Name\"]}"), 400)
                .andExpect(jsonPath("$.field").value(Matchers.startsWith("models")))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString(ModelNames.NAME_RULE)));
    }

    @Test
    void oversizedScopesAndUnknownRolesNameTheirField() throws Exception {
        String models = IntStream.range(0, 101).mapToObj(i -> "\"m" + i + "\"").collect(Collectors.joining(","));
        problem(create("{\"name\": \"app\", \"role\": \"client\", \"models\": [" + models + "]}"), 400)
                .andExpect(jsonPath("$.field").value("models"))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("models must name 1 to 100 models")));
        problem(create("{\"name\": \"app\", \"role\": \"root\"}"), 400)
                .andExpect(jsonPath("$.field").value("role"));
        problem(create("{\"name\": \"" + "n".repeat(129) + "\", \"role\": \"viewer\"}"), 400)
                .andExpect(jsonPath("$.field").value("name"));
    }

    @Test
    void malformedJsonIsABadRequestNamingTheField() throws Exception {
        problem(create("{\"name\": \"app\", \"role\": \"viewer\", \"expiresAt\": \"tomorrow\"}"), 400)
                .andExpect(jsonPath("$.field").value("expiresAt"));
        problem(create("{\"name\": \"app\", "), 400);
    }

    @Test
    void onlyAdminsManageTokensAndOnlyWithTheMethodsOffered() throws Exception {
        problem(mvc.perform(post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON).content("{}")), 401);
        problem(mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"role\": \"admin\"}")), 403);
        problem(mvc.perform(delete("/api/v1/tokens/ci").header(HttpHeaders.AUTHORIZATION, bearer(Role.POD))), 403);
        problem(mvc.perform(put("/api/v1/tokens/ci").header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))), 405);
    }

    private ResultActions create(String body) throws Exception {
        return mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
