package org.regnet.node.evidence;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * The node's evidence port: other authorities' nodes send documents here over mutual TLS, each
 * presenting a certificate from its own issuing CA. Separate from the API port so that only nodes,
 * never users' browsers, reach it, and so that its streaming pipeline stays apart from the API's.
 */
public final class EvidenceServer implements AutoCloseable {
  private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventExecutorGroup disk = new DefaultEventExecutorGroup(2);
  private final Channel channel;

  /**
   * Listens on {@code address}, receiving for authority {@code self} into {@code store} from nodes
   * of the authorities {@code trust} knows (other than {@code self}).
   */
  public EvidenceServer(
      InetSocketAddress address,
      java.util.function.Supplier<NodeTlsIdentity> identity,
      AuthorityTrust trust,
      String self,
      EvidenceStore store,
      CaseParties parties,
      Custody custody)
      throws InterruptedException {
    Set<String> others =
        trust.authorities().stream()
            .filter(a -> !a.equals(self))
            .collect(java.util.stream.Collectors.toSet());
    EvidenceInitializer init =
        new EvidenceInitializer(
            () -> identity.get().context(trust.trusting(others)),
            disk,
            () -> new ReceiveHandler(store, trust, self, parties, custody));
    this.channel =
        new ServerBootstrap()
            .group(loop)
            .channel(NioServerSocketChannel.class)
            .childHandler(init)
            .bind(address)
            .sync()
            .channel();
  }

  /** The bound port (useful when bound to port 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    loop.shutdownGracefully();
    disk.shutdownGracefully();
  }
}
