package org.regnet.node.http;

import io.netty.channel.ChannelHandlerContext;

/** A route that keeps the connection open and writes to it (Server-Sent Events). */
public interface StreamingRoute extends Route {
  void stream(ChannelHandlerContext ctx, RouteRequest request);

  @Override
  default Reply handle(RouteRequest request) {
    throw new ApiException("INTERNAL", "streaming route called as plain route");
  }
}
