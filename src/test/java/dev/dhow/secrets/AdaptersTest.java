package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptersTest {
    private final Adapters adapters = new Adapters(new ProcessRunner(Map.of(), ProcessBuilder.Redirect.PIPE, null), Timeouts.DEFAULT);

    @ParameterizedTest(name = "{0} is the {1} adapter")
    @CsvSource({
            "1password, 1password", "1Password, 1password", "one_password, 1password", "OnePassword, 1password",
            "bitwarden, bitwarden", "Bitwarden, bitwarden",
            "bitwarden-sm, bitwarden-sm", "bitwarden_secrets_manager, bitwarden-sm", "BitwardenSecretsManager, bitwarden-sm",
            "lastpass, lastpass", "LastPass, lastpass", "last_pass, lastpass",
            "aws_secrets_manager, aws_secrets_manager", "AwsSecretsManager, aws_secrets_manager",
            "gcp, gcp", "GCP, gcp", "gcp_secret_manager, gcp",
            "doppler, doppler", "enpass, enpass", "passbolt, passbolt", "test, test",
            "1password-connect, 1password-connect", "one_password_connect, 1password-connect", "vault, vault"})
    void namesAndAliasesResolveAsInKamal(String given, String adapter) {
        assertEquals(adapter, adapters.lookup(given).name());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        var e = assertThrows(DhowException.class, () -> adapters.lookup("keepass"));

        assertEquals("Unknown secrets adapter: keepass (known: 1password, 1password-connect, aws_secrets_manager, bitwarden, "
                + "bitwarden-sm, doppler, enpass, gcp, lastpass, passbolt, vault)", e.getMessage());
    }

    @Test
    void accountIsRequiredExactlyWhereKamalRequiresIt() {
        for (String name : List.of("1password", "bitwarden", "lastpass", "gcp", "test")) {
            assertTrue(adapters.lookup(name).requiresAccount(), name);
        }
        for (String name : List.of("bitwarden-sm", "aws_secrets_manager", "doppler", "enpass", "passbolt", "1password-connect", "vault")) {
            assertFalse(adapters.lookup(name).requiresAccount(), name);
        }
    }

    @Test
    void theTestAdapterReversesEachPrefixedName() {
        var result = adapters.lookup("test").fetch(List.of("foo", "LPARENbarRPAREN"), "acct", "from");

        assertEquals("{\"from/foo\":\"oof/morf\",\"from/LPARENbarRPAREN\":\")rab(/morf\"}", KamalJson.dump(result));
    }
}
