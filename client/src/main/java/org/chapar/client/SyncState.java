package org.chapar.client;

/**
 * What a client persists between runs: the common box pts it has delivered up to ({@link
 * #NO_PTS} before the first GetState), the session token and the user it belongs to.
 */
public record SyncState(long pts, String token, long userId) {

  public static final long NO_PTS = -1;
  public static final SyncState EMPTY = new SyncState(NO_PTS, null, 0);

  public boolean hasPts() {
    return pts != NO_PTS;
  }

  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }

  SyncState withPts(long newPts) {
    return new SyncState(newPts, token, userId);
  }
}
