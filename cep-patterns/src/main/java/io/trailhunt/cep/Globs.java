package io.trailhunt.cep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Names with {@code *} wildcards, matched whole and case-insensitively (policy, group and role names). */
public final class Globs implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Pattern> patterns = new ArrayList<>();

    public Globs(List<String> globs) {
        for (String g : globs) {
            String[] parts = g.split("\\*", -1);
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                re.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
            }
            patterns.add(Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE));
        }
    }

    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }
}
