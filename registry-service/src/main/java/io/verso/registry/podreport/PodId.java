package io.verso.registry.podreport;

import io.verso.registry.error.RegistryException;
import java.util.regex.Pattern;

/** The rule every pod id follows, wherever a pod names itself: a DNS-ish name such as a Kubernetes pod's. */
public final class PodId {

    private static final Pattern RULE = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,252}$");

    private PodId() {
    }

    public static boolean isValid(String podId) {
        return podId != null && RULE.matcher(podId).matches();
    }

    /** @throws RegistryException (INVALID, field {@code podId}) naming the rule */
    public static void require(String podId) {
        if (!isValid(podId)) {
            throw RegistryException.invalid("podId", "podId must be 1–253 letters, digits, '.', '_', ':' or '-', "
                    + "but was '" + podId + "'");
        }
    }
}
