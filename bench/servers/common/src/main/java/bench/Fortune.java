package bench;

/** One row of the template endpoint's table: what a fortunes table of a database would hold. */
public record Fortune(int id, String message) {}
