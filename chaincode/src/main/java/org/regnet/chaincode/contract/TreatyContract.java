package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.request.ChangeRef;
import org.regnet.chaincode.request.FoundTreatyRequest;
import org.regnet.chaincode.request.MembershipChangeRequest;
import org.regnet.chaincode.request.TreatyRef;
import org.regnet.chaincode.service.MembershipService;
import org.regnet.chaincode.service.TreatyService;

/** Treaties and their membership (docs/chaincode-api.md, "treaty"). */
@Contract(name = "treaty", info = @Info(title = "regnet treaties", version = MetaContract.VERSION))
public final class TreatyContract extends RegnetContract {

  @Override
  String area() {
    return "treaty";
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String found(final Context ctx, final String request) {
    return json(TreatyService.found(rc(ctx), request(request, FoundTreatyRequest.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String request) {
    return json(TreatyService.get(rc(ctx), request(request, TreatyRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String proposeMembershipChange(final Context ctx, final String request) {
    return json(
        MembershipService.propose(
            rc(ctx), requestWithChannelUpdate(request, MembershipChangeRequest.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String approveMembershipChange(final Context ctx, final String request) {
    return json(MembershipService.approve(rc(ctx), request(request, ChangeRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String withdrawMembershipChange(final Context ctx, final String request) {
    return json(MembershipService.withdraw(rc(ctx), request(request, ChangeRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getChannelUpdate(final Context ctx, final String request) {
    return json(MembershipService.getChannelUpdate(rc(ctx), request(request, ChangeRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getMembershipChange(final Context ctx, final String request) {
    return json(MembershipService.getChange(rc(ctx), request(request, ChangeRef.class)));
  }
}
