package dev.dhow.secrets;

import java.util.List;
import java.util.Map;

/**
 * One password manager or secret store that turns secret names into values, as
 * {@code dhow secrets fetch --adapter NAME} (Kamal's {@code kamal secrets fetch}) does.
 */
public interface SecretAdapter {
    /** The adapter's name as users type it, used as the prefix of every error message. */
    String name();

    /** Whether {@code --account} must be given; Kamal refuses to run such adapters without it. */
    default boolean requiresAccount() {
        return true;
    }

    /**
     * Fetches the secrets and returns them in Kamal's key naming, in the order the store answered.
     *
     * @param secrets secret names as given on the command line (may be empty for adapters that fetch a whole item)
     * @param account the {@code --account} value, or null
     * @param from the {@code --from} value, or null; most adapters prefix every secret with {@code from/}
     * @throws dev.dhow.core.DhowException with a message {@code <adapter>: …} naming the item, never a secret value
     */
    Map<String, String> fetch(List<String> secrets, String account, String from);
}
