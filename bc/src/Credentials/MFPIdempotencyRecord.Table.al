/// <summary>
/// The first answer to an action sent with an Idempotency-Key (docs/promises.md promise 9), so that a retry gets it again.
/// The key is bound to who sent it, the operation and its target; the fingerprint to the exact body (a keyed hash under
/// the host's key, so it never reveals a PIN code). A temporary PIN code is never stored: the answer is kept without it.
/// Records bind for 24 hours; "MFP Idempotency Cleanup" deletes older ones.
/// </summary>
table 50143 "MFP Idempotency Record"
{
    Access = Internal;
    Caption = 'Mobile Flow Idempotency Record';
    DataClassification = SystemMetadata;

    fields
    {
        field(1; Caller; Text[60])
        {
            Caption = 'Caller';
            DataClassification = EndUserIdentifiableInformation;
        }
        field(2; Operation; Text[30])
        {
            Caption = 'Operation';
            DataClassification = SystemMetadata;
        }
        field(3; "Target Id"; Guid)
        {
            Caption = 'Target Id';
            DataClassification = SystemMetadata;
        }
        field(4; "Idempotency Key"; Text[64])
        {
            Caption = 'Idempotency Key';
            DataClassification = SystemMetadata;
        }
        field(5; Fingerprint; Text[64])
        {
            Caption = 'Fingerprint';
            DataClassification = SystemMetadata;
        }
        field(6; "Answer Status"; Integer)
        {
            Caption = 'Answer Status';
            DataClassification = SystemMetadata;
        }
        field(7; "Answer Body"; Blob)
        {
            Caption = 'Answer Body';
            DataClassification = CustomerContent;
        }
        field(8; "Answered At"; DateTime)
        {
            Caption = 'Answered At';
            DataClassification = SystemMetadata;
        }
    }

    keys
    {
        key(PK; Caller, Operation, "Target Id", "Idempotency Key")
        {
            Clustered = true;
        }
        key(ByAge; "Answered At")
        {
        }
    }

    /// <summary>
    /// The stored first answer's body. Whoever reads the record loads the blob (SetAutoCalcFields): this only reads the
    /// record in memory.
    /// </summary>
    procedure GetAnswerBody() Body: JsonObject
    var
        Reader: InStream;
    begin
        if not "Answer Body".HasValue() then
            exit;
        "Answer Body".CreateInStream(Reader, TextEncoding::UTF8);
        Body.ReadFrom(Reader);
    end;

    /// <summary>Stores the first answer's body.</summary>
    procedure SetAnswerBody(Body: JsonObject)
    var
        Writer: OutStream;
    begin
        "Answer Body".CreateOutStream(Writer, TextEncoding::UTF8);
        Body.WriteTo(Writer);
    end;
}
