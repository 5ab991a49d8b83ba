package io.verso.registry.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test ({@code @SpringBootTest}, {@code @DataJpaTest}...) against this run's PostgreSQL database
 * from {@link TestPostgres}. Slices must also say {@code @AutoConfigureTestDatabase(replace = NONE)} on the test
 * class: their own {@code @AutoConfigureTestDatabase} is found before any on this annotation (without it the
 * slice fails to start, as no in-memory database is on the classpath).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = PostgresInitializer.class)
public @interface WithPostgres {
}
