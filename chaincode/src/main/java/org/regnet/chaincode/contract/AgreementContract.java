package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.request.IdRef;
import org.regnet.chaincode.request.PageRequest;
import org.regnet.chaincode.request.ProposeAgreementRequest;
import org.regnet.chaincode.service.AgreementService;

/** Bilateral agreements (docs/chaincode-api.md, "agreement"). */
@Contract(
    name = "agreement",
    info = @Info(title = "regnet agreements", version = MetaContract.VERSION))
public final class AgreementContract extends RegnetContract {

  @Override
  String area() {
    return "agreement";
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String propose(final Context ctx, final String request) {
    return json(AgreementService.propose(rc(ctx), request(request, ProposeAgreementRequest.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String sign(final Context ctx, final String request) {
    return json(AgreementService.sign(rc(ctx), request(request, IdRef.AgreementRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String suspend(final Context ctx, final String request) {
    return json(AgreementService.suspend(rc(ctx), request(request, IdRef.AgreementRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String terminate(final Context ctx, final String request) {
    return json(AgreementService.terminate(rc(ctx), request(request, IdRef.AgreementRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String request) {
    return json(AgreementService.get(rc(ctx), request(request, IdRef.AgreementRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listForMember(final Context ctx, final String request) {
    return json(AgreementService.listForMember(rc(ctx), request(request, PageRequest.class)));
  }
}
