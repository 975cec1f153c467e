package dev.syswrite.logging.layout;

/**
 * What makes a JSON key a field name Elasticsearch maps, as ECS writes its fields: dotted
 * top-level keys such as {@code log.level}, where each dot opens an object. Two names clash if
 * they are the same, or one is the other's object ({@code error} and {@code error.type}): one
 * document cannot have both. A name with an empty part (empty, a leading or trailing dot, two
 * dots in a row) maps to no field at all.
 */
public final class JsonFieldNames {
    private JsonFieldNames() {}

    /**
     * Whether {@code a} and {@code b} cannot both be fields of one line.
     *
     * @param a a field name
     * @param b another
     * @return whether they are the same, or one is the other's object
     */
    public static boolean clash(String a, String b) {
        return a.equals(b) || holds(a, b) || holds(b, a);
    }

    /** Whether {@code outer} is an object {@code inner} is in. */
    private static boolean holds(String outer, String inner) {
        return inner.length() > outer.length() && inner.charAt(outer.length()) == '.' && inner.startsWith(outer);
    }

    /**
     * Whether {@code name} has no empty part: not empty, no leading or trailing dot, no two dots
     * in a row.
     *
     * @param name a key
     * @return whether it names a field
     */
    public static boolean isFieldName(String name) {
        return !name.isEmpty() && name.charAt(0) != '.' && name.charAt(name.length() - 1) != '.' && !name.contains("..");
    }
}
