package dev.dhow.deploy;

/**
 * What {@code setup} and {@code remove} need from accessories ({@code dhow accessory boot all} / {@code remove
 * all}). The accessory commands implement it; {@link #unavailable(DeployContext)} stands in until they are wired.
 */
public interface Accessories {
    /** Boots every selected accessory that is not running yet. */
    void bootAll();

    /** Stops and removes every selected accessory, its image and its data directories. */
    void removeAll();

    /** For builds without the accessory commands: says loudly that configured accessories were left alone. */
    static Accessories unavailable(DeployContext ctx) {
        return new Accessories() {
            @Override
            public void bootAll() {
                if (!ctx.config().accessories().isEmpty()) ctx.console().warn("accessories were not booted: this dhow has no accessory commands yet");
            }

            @Override
            public void removeAll() {
                if (!ctx.config().accessories().isEmpty()) ctx.console().warn("accessories were not removed: this dhow has no accessory commands yet");
            }
        };
    }
}
