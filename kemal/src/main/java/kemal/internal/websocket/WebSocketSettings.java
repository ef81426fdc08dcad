package kemal.internal.websocket;

import java.util.List;

/**
 * WebSocket limits and policy, fixed at start.
 *
 * @param maxMessageSize the largest message (all fragments together), in bytes; larger closes with 1009
 * @param idleTimeoutMillis after this long without a frame the server pings; after twice, it closes (1001); 0 = never
 * @param allowedOrigins see {@link OriginPolicy}
 */
public record WebSocketSettings(int maxMessageSize, long idleTimeoutMillis, List<String> allowedOrigins) {}
