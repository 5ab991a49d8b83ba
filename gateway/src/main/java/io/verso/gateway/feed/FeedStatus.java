package io.verso.gateway.feed;

/**
 * What the routing-table feed last heard from the registry, for the gateway's health: whether the registry refused the
 * gateway's credential (and why), so a wrong or missing token shows in {@code /actuator/health} instead of only as a
 * table that never arrives.
 */
public final class FeedStatus {

    private volatile String refusal;

    /** The registry's refusal of the credential ({@code "401 ..."}), or {@code null} while it accepts it. */
    public String refusal() {
        return refusal;
    }

    /** Records a refusal; true when it is new (the feed logs it at ERROR once, not on every retry). */
    boolean refused(String reason) {
        boolean changed = !reason.equals(refusal);
        refusal = reason;
        return changed;
    }

    /** Records an accepted request; true when a refusal was recorded before. */
    boolean accepted() {
        boolean wasRefused = refusal != null;
        refusal = null;
        return wasRefused;
    }
}
