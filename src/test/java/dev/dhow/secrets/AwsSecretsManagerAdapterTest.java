package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsSecretsManagerAdapterTest {
    @TempDir Path tmp;

    private FakeCli aws() {
        return new FakeCli(tmp).install("aws", """
case "$*" in
  "--version") echo 'aws-cli/2.17.0 Python/3.11.9 Linux/6.1 exe/x86_64' ;;
  "secretsmanager batch-get-secret-value --secret-id-list secret plain myapp/RailsUser --profile prod --output json"|\\
  "secretsmanager batch-get-secret-value --secret-id-list secret plain myapp/RailsUser --output json") cat <<'JSON'
{
  "SecretValues": [
    {"ARN": "arn:aws:secretsmanager:us-east-1:111111111111:secret:secret", "Name": "secret", "VersionId": "v1",
     "SecretString": "{\\"KEY1\\":\\"VALUE1\\", \\"KEY2\\":\\"VALUE2\\"}", "VersionStages": ["AWSCURRENT"], "CreatedDate": "2024-01-01T00:00:00.000000"},
    {"ARN": "arn:aws:secretsmanager:us-east-1:111111111111:secret:plain", "Name": "plain", "VersionId": "v1",
     "SecretString": "a-string-secret", "VersionStages": ["AWSCURRENT"], "CreatedDate": "2024-01-01T00:00:00.000000"},
    {"ARN": "arn:aws:secretsmanager:us-east-1:111111111111:secret:myapp/RailsUser", "Name": "myapp/RailsUser", "VersionId": "v1",
     "SecretString": "{\\"port\\":5432,\\"ssl\\":true,\\"weight\\":1.5,\\"missing\\":null,\\"replicas\\":{\\"read\\":\\"r.example\\",\\"port\\":5433},\\"tags\\":[\\"prod\\",\\"db\\"]}",
     "VersionStages": ["AWSCURRENT"], "CreatedDate": "2024-01-01T00:00:00.000000"}
  ],
  "Errors": []
}
JSON
    ;;
  "secretsmanager batch-get-secret-value --secret-id-list port name nothing --output json") cat <<'JSON'
{"SecretValues": [
  {"Name": "port", "SecretString": "5432"}, {"Name": "name", "SecretString": "\\"quoted-string\\""}, {"Name": "nothing", "SecretString": "null"}
], "Errors": []}
JSON
    ;;
  "secretsmanager batch-get-secret-value --secret-id-list unknown1 unknown2 --output json") cat <<'JSON'
{"SecretValues": [], "Errors": [
  {"SecretId": "unknown1", "ErrorCode": "ResourceNotFoundException", "Message": "Secrets Manager can't find the specified secret."},
  {"SecretId": "unknown2", "ErrorCode": "ResourceNotFoundException", "Message": "Secrets Manager can't find the specified secret."}
]}
JSON
    ;;
  "secretsmanager batch-get-secret-value --secret-id-list secret --profile nope --output json")
    printf '\\nThe config profile (nope) could not be found\\n' >&2; exit 255 ;;
  *) exit 9 ;;
esac
""");
    }

    @Test
    void jsonSecretsBecomeOneKeyPerFieldAndOtherValuesKeepTheirName() {
        FakeCli cli = aws();

        var result = cli.adapter("aws_secrets_manager").fetch(List.of("secret", "plain", "myapp/RailsUser"), "prod", null);

        assertEquals("{\"secret/KEY1\":\"VALUE1\",\"secret/KEY2\":\"VALUE2\",\"plain\":\"a-string-secret\","
                + "\"myapp/RailsUser/port\":\"5432\",\"myapp/RailsUser/ssl\":\"true\",\"myapp/RailsUser/weight\":\"1.5\","
                + "\"myapp/RailsUser/missing\":\"null\",\"myapp/RailsUser/replicas\":\"{\\\"read\\\":\\\"r.example\\\",\\\"port\\\":5433}\","
                + "\"myapp/RailsUser/tags\":\"[\\\"prod\\\",\\\"db\\\"]\"}", KamalJson.dump(result));
        assertEquals(List.of("aws --version",
                "aws secretsmanager batch-get-secret-value --secret-id-list secret plain myapp/RailsUser --profile prod --output json"), cli.calls());
    }

    @Test
    void withoutAccountNoProfileIsPassed() {
        FakeCli cli = aws();

        cli.adapter("AwsSecretsManager").fetch(List.of("secret", "plain", "myapp/RailsUser"), null, null);

        assertEquals("aws secretsmanager batch-get-secret-value --secret-id-list secret plain myapp/RailsUser --output json", cli.calls().get(1));
    }

    @Test
    void bareJsonScalarsAreWrittenBackAsText() {
        var result = aws().adapter("aws_secrets_manager").fetch(List.of("port", "name", "nothing"), null, null);

        assertEquals("{\"port\":\"5432\",\"name\":\"quoted-string\",\"nothing\":\"null\"}", KamalJson.dump(result));
    }

    @Test
    void unknownSecretsAreOneMessageNamingEach() {
        var e = assertThrows(DhowException.class,
                () -> aws().adapter("aws_secrets_manager").fetch(List.of("unknown1", "unknown2"), null, null));

        assertEquals("aws_secrets_manager: unknown1: Secrets Manager can't find the specified secret. "
                + "unknown2: Secrets Manager can't find the specified secret.", e.getMessage());
    }

    @Test
    void aFailingCliCallShowsItsReason() {
        var e = assertThrows(DhowException.class, () -> aws().adapter("aws_secrets_manager").fetch(List.of("secret"), "nope", null));

        assertEquals("aws_secrets_manager: could not read secret (aws: The config profile (nope) could not be found)", e.getMessage());
    }

    @Test
    void aMissingAwsCommandIsOneMessage() {
        var e = assertThrows(DhowException.class, () -> new FakeCli(tmp).adapter("aws_secrets_manager").fetch(List.of("x"), null, null));

        assertEquals("aws_secrets_manager: the 'aws' command is not installed "
                + "(install the AWS CLI: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)", e.getMessage());
    }
}
