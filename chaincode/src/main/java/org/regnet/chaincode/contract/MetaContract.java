package org.regnet.chaincode.contract;

import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Chaincode metadata: {@code meta:version}. Open to any caller of the channel. */
@Contract(name = "meta", info = @Info(title = "regnet meta", version = MetaContract.VERSION))
@Default
public final class MetaContract extends RegnetContract {

  public static final String VERSION = "0.1.0";

  @Override
  String area() {
    return "meta";
  }

  /** Returns {@code {"chaincode":"regnet","version":"0.1.0"}}. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String version(final Context ctx) {
    return json(Map.of("chaincode", "regnet", "version", VERSION));
  }
}
