package dev.dhow.config.dotenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotenvParserTest {
    private static final String FILE = ".kamal/secrets";

    private final Map<String, String> env = new HashMap<>(Map.of(
            "PATH", System.getenv("PATH"),
            "FROM_ENV", "env value",
            "DOLLAR_VALUE", "p$ss$$word"));
    private final List<List<String>> inProcessCalls = new ArrayList<>();
    private InProcessCommands inProcess = argv -> {
        inProcessCalls.add(argv);
        return Optional.of("in-process:" + String.join(",", argv) + "\n");
    };
    @TempDir Path dir;

    private Map<String, String> parse(String content) {
        return new DotenvParser(env, inProcess, dir).parse(content, FILE);
    }

    private String value(String content, String key) {
        Map<String, String> values = parse(content);
        assertTrue(values.containsKey(key), () -> key + " missing from " + values.keySet());
        return values.get(key);
    }

    private DhowException failure(String content) {
        return assertThrows(DhowException.class, () -> parse(content));
    }

    @Test
    void keyValuePairsAreReadInFileOrder() {
        assertEquals(List.of("A", "B", "c.d"), List.copyOf(parse("A=1\nB=two words\nc.d=3\n").keySet()));
        assertEquals("two words", value("A=1\nB=two words\n", "B"));
    }

    @Test
    void exportPrefixIsIgnored() {
        assertEquals("1", value("export A=1", "A"));
        assertEquals("2", value("  export   B = 2", "B"));
    }

    @Test
    void colonSeparatorNeedsWhitespaceAfterIt() {
        assertEquals("colon-sep", value("F: colon-sep", "F"));
        assertFalse(parse("G:nospace").containsKey("G"));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        Map<String, String> values = parse("# a comment\n\n   # indented comment\nA=1\n\n#B=2\n");
        assertEquals(Map.of("A", "1"), values);
    }

    @Test
    void unquotedValuesEndAtAHashSign() {
        assertEquals("plain value", value("A=plain value # c", "A"));
        // dotenv 3 cuts at any '#', even without a space before it.
        assertEquals("abc", value("B=abc#def", "B"));
    }

    @Test
    void quotedValuesKeepHashSigns() {
        assertEquals("a # b", value("A=\"a # b\" # comment", "A"));
        assertEquals("a # b", value("A='a # b'", "A"));
    }

    @Test
    void unquotedValuesAreTrimmed() {
        assertEquals("spaced out", value("A =   spaced out   \n", "A"));
        assertEquals("  kept  ", value("A=\"  kept  \"", "A"));
    }

    @Test
    void singleQuotedValuesAreLiteral() {
        assertEquals("single $FROM_ENV \\n \\$X $(echo hi) \\t", value("B='single $FROM_ENV \\n \\$X $(echo hi) \\t'", "B"));
        assertTrue(inProcessCalls.isEmpty());
    }

    @Test
    void doubleQuotedValuesUnescapeBackslashSequences() {
        assertEquals("say \"hi\" \\ back t tab", value("A=\"say \\\"hi\\\" \\\\ back \\t tab\"", "A"));
    }

    @Test
    void backslashNInDoubleQuotesStaysTwoCharactersButIsDroppedWhenUnquoted() {
        assertEquals("line1\\nline2", value("A=\"line1\\nline2\"", "A"));
        assertEquals("anb", value("B=a\\nb", "B"));
    }

    @Test
    void legacyLinebreakModeTurnsBackslashNIntoANewline() {
        assertEquals("line1\nline2\rend", value("DOTENV_LINEBREAK_MODE=legacy\nA=\"line1\\nline2\\rend\"", "A"));
        env.put("DOTENV_LINEBREAK_MODE", "legacy");
        assertEquals("x\ny", value("A=\"x\\ny\"", "A"));
    }

    @Test
    void quotedValuesMaySpanLines() {
        Map<String, String> values = parse("A=\"line1\nline2\"\nB='one\ntwo'\nC=after\n");
        assertEquals("line1\nline2", values.get("A"));
        assertEquals("one\ntwo", values.get("B"));
        assertEquals("after", values.get("C"));
    }

    @Test
    void longMultiLineCertificateParses() {
        String pem = "-----BEGIN CERTIFICATE-----\n" + "MIIBszCCAVmgAwIBAgIU\n".repeat(2000) + "-----END CERTIFICATE-----";
        assertEquals(pem, value("CERT=\"" + pem + "\"\nNEXT=1", "CERT"));
        assertEquals(pem, value("CERT='" + pem + "'", "CERT"));
    }

    @Test
    void emptyValuesAreEmptyStrings() {
        Map<String, String> values = parse("A=\nB=\"\"\nC=''\nD\nE= # comment\n");
        assertEquals(Map.of("A", "", "B", "", "C", "", "D", "", "E", ""), values);
    }

    @Test
    void windowsLineEndingsAreNormalized() {
        assertEquals(Map.of("A", "1", "B", "two"), parse("A=1\r\nB=\"two\"\r\n"));
    }

    @Test
    void variablesComeFromEarlierKeysThenTheEnvironmentThenEmpty() {
        Map<String, String> values = parse("A=file\nB=${A}-$A\nC=${FROM_ENV}\nD=[$MISSING]\nE=$LATER\nLATER=x\n");
        assertEquals("file-file", values.get("B"));
        assertEquals("env value", values.get("C"));
        assertEquals("[]", values.get("D"));
        assertEquals("", values.get("E"));
    }

    @Test
    void anEarlierKeyWinsOverTheEnvironmentEvenWhenEmpty() {
        env.put("A", "from env");
        assertEquals("file", value("A=file\nB=$A", "B"));
        assertEquals("", value("A=\nB=$A", "B"));
        assertEquals("file", value("A=file", "A"));
    }

    @Test
    void variablesAreExpandedInDoubleQuotesButNotSingleQuotes() {
        Map<String, String> values = parse("A=x\nB=\"$A y\"\nC='$A y'");
        assertEquals("x y", values.get("B"));
        assertEquals("$A y", values.get("C"));
    }

    @Test
    void backslashDollarEscapesVariablesAndCommands() {
        assertEquals("esc $NOTVAR", value("G=\"esc \\$NOTVAR\"", "G"));
        assertEquals("$FROM_ENV", value("H=\\$FROM_ENV", "H"));
        assertEquals("$(echo escaped)", value("J=\\$(echo escaped)", "J"));
        assertEquals("${FROM_ENV}", value("K=\"\\${FROM_ENV}\"", "K"));
    }

    @Test
    void aLoneDollarSignStays() {
        assertEquals("cost $ 5", value("A=cost $ 5", "A"));
    }

    @Test
    void commandOutputIsSubstitutedWithOneTrailingNewlineRemoved() {
        assertEquals("hello", value("A=$(echo hello)", "A"));
        assertEquals("pre x\n post", value("B=\"pre $(printf 'x\\n\\n') post\"", "B"));
    }

    @Test
    void commandTextIsExpandedWithEarlierKeysAndRunsWithTheEnvironment() {
        Map<String, String> values = parse("A=one\nB=$(echo $A-$FROM_ENV)\nC=$(printenv FROM_ENV)\nD=$(printenv A || echo unset)\n");
        assertEquals("one-env value", values.get("B"));
        assertEquals("env value", values.get("C"));
        assertEquals("unset", values.get("D"));
    }

    @Test
    void commandsRunInTheWorkingDirectory() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/master.key"), "abc123\n");
        assertEquals("abc123", value("RAILS_MASTER_KEY=$(cat config/master.key)", "RAILS_MASTER_KEY"));
    }

    @Test
    void nestedCommandsAndEscapedParenthesesStayInsideTheCommand() {
        assertEquals("nested", value("E=$(echo $(echo nested))", "E"));
        assertEquals("(hi)", value("F=\"$(echo \\\\(hi\\\\))\"", "F"));
    }

    @Test
    void commandOutputIsNotExpandedAgain() {
        assertEquals("p$ss$$word", value("A=$(printenv DOLLAR_VALUE)", "A"));
        assertEquals("<p$ss$$word>", value("B=<$(printenv DOLLAR_VALUE)>", "B"));
    }

    @Test
    void aFailingCommandNamesTheKeyAndFileButNotTheCommand() {
        DhowException e = failure("A=ok\nDB_PASSWORD=$(echo hunter2; exit 3)\n");
        assertEquals("The command for DB_PASSWORD in .kamal/secrets line 2 failed with exit status 3", e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void kamalAndDhowSecretsCommandsRunInProcessNotInTheShell() {
        Map<String, String> values = parse("A=$(kamal secrets extract K '{\"K\": 1}')\nB=$(  dhow secrets fetch -a test --account x S1)\n");
        assertEquals(List.of(
                List.of("secrets", "extract", "K", "{\"K\": 1}"),
                List.of("secrets", "fetch", "-a", "test", "--account", "x", "S1")), inProcessCalls);
        assertEquals("in-process:secrets,extract,K,{\"K\": 1}", values.get("A"));
    }

    @Test
    void secretsCommandTextIsExpandedBeforeItIsSplit() {
        env.put("JSON", "\\{\\\"K\\\":\\\"a\\ b\\\"\\}");
        parse("X=$(kamal secrets extract K ${JSON})");
        assertEquals(List.of(List.of("secrets", "extract", "K", "{\"K\":\"a b\"}")), inProcessCalls);
    }

    @Test
    void otherKamalCommandsGoToTheShell() {
        assertEquals("kamal version", value("A=$(echo kamal version)", "A"));
        assertTrue(inProcessCalls.isEmpty());
    }

    @Test
    void aFailingInProcessCommandNamesTheKeyAndFile() {
        inProcess = argv -> Optional.empty();
        DhowException e = failure("\nKEY1=$(kamal secrets extract KEY1 {})");
        assertEquals("The command `kamal secrets extract` for KEY1 in .kamal/secrets line 2 failed", e.getMessage());
    }

    @Test
    void anUnmatchedQuoteInASecretsCommandIsAnError() {
        DhowException e = failure("KEY1=$(kamal secrets extract KEY1 'oops)");
        assertEquals("Unmatched quote in the secrets command for KEY1 in .kamal/secrets line 1", e.getMessage());
    }

    @Test
    void anUnterminatedDoubleQuoteNamesFileAndLine() {
        DhowException e = failure("A=1\nB=\"abc\nC=2\n");
        assertEquals("Unterminated double quote in the value of B in .kamal/secrets line 2", e.getMessage());
    }

    @Test
    void anUnterminatedSingleQuoteNamesFileAndLine() {
        DhowException e = failure("A='abc # not a comment\n");
        assertEquals("Unterminated single quote in the value of A in .kamal/secrets line 1", e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteKeepsTheQuotesLikeDotenv() {
        assertEquals("\"abc\"def", value("A=\"abc\"def", "A"));
        assertEquals("it's", value("A='it's'", "A"));
    }

    @Test
    void exportOfAnUndefinedKeyIsAnError() {
        DhowException e = failure("A=1\nexport B\n");
        assertEquals("\"export B\" in .kamal/secrets line 2 has an unset variable", e.getMessage());
    }

    @Test
    void exportOfAnEarlierKeyKeepsItsValue() {
        assertEquals(Map.of("A", "1"), parse("A=1\nexport A\n"));
    }

    @Test
    void aKeyDefinedTwiceKeepsTheLastValue() {
        assertEquals(Map.of("A", "2"), parse("A=1\nA=2\n"));
    }

    @Test
    void parsingAFileReadsItFromTheWorkingDirectory() throws IOException {
        Files.createDirectories(dir.resolve(".kamal"));
        Files.writeString(dir.resolve(".kamal/secrets"), "A=from file\n");
        assertEquals(Map.of("A", "from file"), new DotenvParser(env, inProcess, dir).parse(Path.of(".kamal/secrets")));
        DhowException e = assertThrows(DhowException.class, () -> new DotenvParser(env, inProcess, dir).parse(Path.of("nope")));
        assertEquals("Secrets file nope does not exist", e.getMessage());
    }

    @Test
    void linesDotenvWouldSkipAreFoundByNumber() {
        assertEquals(List.of(2, 4), DotenvParser.unreadableLines("A=1\nDB-PASSWORD=x\n# comment\nnot a line\n\n  \nB: 2\n"));
    }

    @Test
    void multilineValuesCommentsExportsAndWindowsLineEndsAreReadable() {
        String content = "\uFEFFexport A=1\r\nPEM=\"-----BEGIN KEY-----\nabc def\n-----END KEY-----\"\r\n"
                + "  # indented comment\nB='x' # trailing\nC\nD=$(echo one two)\nexport A\n";
        assertEquals(List.of(), DotenvParser.unreadableLines(content));
        assertEquals(Map.of("A", "1", "PEM", "-----BEGIN KEY-----\nabc def\n-----END KEY-----", "B", "x", "C", "", "D", "one two"),
                parse(content));
    }
}
