/// <summary>
/// The host contract of Mobile Flow PIN codes (src/api/openapi.json) in Business Central: one procedure that takes a
/// request envelope and gives its answer envelope (src/api/envelope.schema.json). The control add-ins call it from their
/// page (the event MobileFlowRequest, answered with MobileFlowResponse); devices and the conformance kit call it as the
/// codeunit web service MobileFlowPin ("MFP Install" publishes it):
/// POST {server}/ODataV4/MobileFlowPin_Handle?company={id} with {"requestJson": "<request envelope>"}, answered
/// {"value": "<answer envelope>"}. Either way the caller is the signed-in Business Central user (UserId()), whom
/// Business Central has authenticated; the contract's statuses, error codes and headers travel inside the envelope.
/// </summary>
codeunit 50143 "MFP Contract"
{
    Access = Public;

    var
        UnreadableIdTok: Label 'unreadable', Locked = true;
        FailedInBusinessCentralErr: Label 'The request failed in Business Central, and nothing was changed: %1', Comment = '%1 = the text of the AL error';

    /// <summary>
    /// Answers one request of the contract. RequestJson is the request envelope {"id", "method", "path" (relative to the
    /// contract's base, with its query), "headers" (If-Match, Idempotency-Key), "body" (JSON text or null)}; the result
    /// is the answer envelope {"id", "status", "headers" (ETag, Retry-After), "body" (the contract's JSON text)}.
    /// The request runs in a codeunit of its own (Codeunit.Run): it commits what it decided when it succeeds, and any AL
    /// error in it (a failed database call, a hash scheme AL cannot compute) rolls its write back and is answered
    /// 500 Internal_ServerError with the error's text, never Business Central's error dialog. So Handle must be called
    /// outside a write transaction, as page triggers and web service calls are.
    /// </summary>
    /// <param name="RequestJson">The request envelope, as JSON text.</param>
    /// <returns>The answer envelope, as JSON text.</returns>
    procedure Handle(RequestJson: Text): Text
    var
        TempEnvelopeBuffer: Record "MFP Envelope Buffer" temporary;
        RequestWorker: Codeunit "MFP Request Worker";
        Answer: Codeunit "MFP Answer";
    begin
        TempEnvelopeBuffer.Init();
        TempEnvelopeBuffer."Entry No." := 1;
        TempEnvelopeBuffer.SetRequestJson(RequestJson);
        TempEnvelopeBuffer.Insert();
        ClearLastError();
        if RequestWorker.Run(TempEnvelopeBuffer) then begin
            TempEnvelopeBuffer.Get(1);
            exit(TempEnvelopeBuffer.GetAnswerJson());
        end;
        Answer.Refuse("MFP Error Code"::Internal_ServerError, StrSubstNo(FailedInBusinessCentralErr, GetLastErrorText()));
        exit(Answer.AsEnvelope(RequestIdOf(RequestJson)));
    end;

    /// <summary>The id of a request envelope, so that even a failed request's answer finds its way back.</summary>
    local procedure RequestIdOf(RequestJson: Text): Text
    var
        Envelope: JsonObject;
        Id: JsonToken;
        IdText: Text;
    begin
        if StrLen(RequestJson) > 65536 then
            exit(UnreadableIdTok);
        if not Envelope.ReadFrom(RequestJson) then
            exit(UnreadableIdTok);
        if not Envelope.Get('id', Id) then
            exit(UnreadableIdTok);
        if not Id.IsValue() then
            exit(UnreadableIdTok);
        if Id.AsValue().IsNull() then
            exit(UnreadableIdTok);
        IdText := Id.AsValue().AsText();
        if (IdText = '') or (StrLen(IdText) > 100) then
            exit(UnreadableIdTok);
        exit(IdText);
    end;
}
