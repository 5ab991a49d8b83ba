package io.verso.registry.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import java.time.Duration;

/**
 * The console's static files under {@code /console}, so one path prefix (and one gateway route) carries the whole
 * console: its own CSS and script, and the WebJars of htmx and Chart.js.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/static/**").addResourceLocations("classpath:/console/static/")
                .setCacheControl(CacheControl.noCache());
        // Version-less paths (/console/webjars/htmx.org/dist/htmx.min.js): the pom alone names the versions.
        registry.addResourceHandler("/console/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
    }
}
