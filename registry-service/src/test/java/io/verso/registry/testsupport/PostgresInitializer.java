package io.verso.registry.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code spring.datasource.*} at this run's test database, ahead of every other property source. A test that
 * needs a database of its own subclasses it and overrides {@link #database()}.
 */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    protected JdbcTarget database() {
        return TestPostgres.runDatabase();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        JdbcTarget database = database();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", database.url());
        // Absent credentials must stay absent: an empty user name is not the driver's default user.
        if (database.user() != null) {
            properties.put("spring.datasource.username", database.user());
        }
        if (database.password() != null) {
            properties.put("spring.datasource.password", database.password());
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("verso-test-postgres", properties));
    }
}
