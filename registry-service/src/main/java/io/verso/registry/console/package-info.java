/**
 * The web console at {@code /console}: server-rendered pages (Thymeleaf) with htmx for the actions and live
 * panels and Chart.js for the evidence, all served by the registry from WebJars. It calls the registry's own
 * services (so every action is the API's transition, audited and revision-checked alike); nothing imports it.
 * Sessions, CSRF and the Content-Security-Policy are the security package's.
 */
package io.verso.registry.console;
