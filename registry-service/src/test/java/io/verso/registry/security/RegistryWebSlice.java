package io.verso.registry.security;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.verso.registry.web.DatabaseUnavailable;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What a {@code @WebMvcTest} of a registry controller adds to the slice so that it answers as the registry does:
 * the real filter chain (bearer tokens, roles, problem+json for 401 and 403) and the real problem handler's
 * collaborator. Only the token lookup is replaced, because it reads PostgreSQL: a bearer token named after a role
 * ({@code Bearer deployer}) authenticates as that role, any other token is unknown.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableWebSecurity
@Import({SecurityConfiguration.class, DatabaseUnavailable.class})
public class RegistryWebSlice {

    /** What {@link PodReportFilter} buffers of a pod report at most; a longer one is refused with 413. */
    public static final int POD_REPORT_LIMIT = 4 * 1024 * 1024;

    /** {@code report} (a JSON object) with a property that takes it over {@link #POD_REPORT_LIMIT}. */
    public static String overThePodReportLimit(String report) {
        return report.substring(0, report.lastIndexOf('}')) + ", \"padding\": \"" + "p".repeat(POD_REPORT_LIMIT)
                + "\"}";
    }

    /** The {@code Authorization} header of a caller with {@code role}. */
    public static String bearer(Role role) {
        return "Bearer " + role.apiName();
    }

    /** The answer has {@code status} and is the registry's problem+json, with the status repeated in the body. */
    public static ResultActions problem(ResultActions answer, int status) throws Exception {
        return answer.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status));
    }

    @Bean
    TokenService tokensNamedAfterTheirRole() {
        TokenService tokens = mock(TokenService.class);
        when(tokens.authenticate(anyString())).thenAnswer(call -> {
            String token = call.getArgument(0);
            return Arrays.stream(Role.values()).filter(role -> role.apiName().equals(token)).findFirst()
                    .map(role -> new TokenPrincipal(token + "-caller", role));
        });
        return tokens;
    }

    /**
     * Any address: which addresses a pod may report is the subject of the pod-status ITs, not of the slices. (No
     * CIDR at all would admit none: every resolved address must lie inside one.)
     */
    @Bean
    PodNetwork anyPodNetwork() {
        return new PodNetwork(List.of("0.0.0.0/0", "::/0"), List.of());
    }
}
