package org.chapar.client;

final class MemorySyncStateStore implements SyncStateStore {

    private volatile SyncState state = SyncState.EMPTY;

    @Override
    public SyncState load() {
        return state;
    }

    @Override
    public void save(SyncState state) {
        this.state = state;
    }
}
