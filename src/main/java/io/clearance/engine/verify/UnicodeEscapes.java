package io.clearance.engine.verify;

import io.clearance.engine.CompileError;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds Java unicode escapes ({@code \u0061}) anywhere in a rule file. The Java compiler translates them
 * before it parses, so an escape can spell a name the verifier never sees ({@code \u006a\u0061va.io...})
 * or end a comment early ({@code // \u000a code}); the verifier refuses them instead of guessing what the
 * compiler would make of them. Authors write the character itself: rule files are UTF-8.
 */
final class UnicodeEscapes {

    static final String MESSAGE =
            "unicode escapes (`\\uXXXX`) are not allowed in rules; write the character itself (files are UTF-8)";

    private UnicodeEscapes() {}

    static List<CompileError> find(SourceText source) {
        List<CompileError> errors = new ArrayList<>();
        String text = source.text();
        int backslashes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // As the JLS says (3.3): a backslash is eligible when an even number of backslashes precede it.
            if (c == 'u' && backslashes % 2 == 1) {
                errors.add(source.errorAt(i - 1, MESSAGE));
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
        }
        return errors;
    }
}
