package org.regnet.node.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Answers pipelined requests in the order they came: one request of a connection is handled at a
 * time; the next is passed on only when the previous response has been written to its end. The API
 * answers off the event loop, so without this a quick second request could overtake a slow first
 * one. At most {@value #MAX_QUEUED} requests wait; a client sending more is cut off. Not
 * {@code @Sharable}: one per connection.
 */
public final class InOrder extends ChannelDuplexHandler {
  static final int MAX_QUEUED = 16;
  private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (busy) {
      if (waiting.size() >= MAX_QUEUED) {
        ReferenceCountUtil.release(req);
        ctx.close();
        return;
      }
      waiting.add(req);
      return;
    }
    busy = true;
    ctx.fireChannelRead(req);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    boolean last = msg instanceof LastHttpContent;
    ctx.write(msg, promise);
    if (last) {
      // The response is complete: let the next request through, after this write's turn.
      ctx.executor().execute(() -> next(ctx));
    }
  }

  private void next(ChannelHandlerContext ctx) {
    busy = false;
    FullHttpRequest req = waiting.poll();
    if (req != null) {
      if (!ctx.channel().isActive()) {
        ReferenceCountUtil.release(req);
        drain();
        return;
      }
      busy = true;
      ctx.fireChannelRead(req);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    drain();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    drain();
  }

  private void drain() {
    FullHttpRequest r;
    while ((r = waiting.poll()) != null) {
      ReferenceCountUtil.release(r);
    }
  }
}
