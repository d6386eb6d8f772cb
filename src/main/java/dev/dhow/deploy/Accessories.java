package dev.dhow.deploy;

/**
 * What {@code setup} and {@code remove} need from accessories ({@code dhow accessory boot all} / {@code remove
 * all}). {@link AccessoryFlows} implements it.
 */
public interface Accessories {
    /** Boots every selected accessory that is not running yet. */
    void bootAll();

    /** Stops and removes every selected accessory, its image and its data directories. */
    void removeAll();
}
