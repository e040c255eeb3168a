/// <summary>
/// The stable error codes of the host contract (openapi.json, ErrorCode). The name of each value is the code as it is
/// answered; "MFP Answer".StatusOf gives its HTTP status (ErrorCode's x-http-status).
/// </summary>
enum 50144 "MFP Error Code"
{
    Access = Internal;
    Extensible = false;

    value(0; Authentication_InvalidCredentials)
    {
        Caption = 'Authentication_InvalidCredentials', Locked = true;
    }
    value(1; Authorization_Denied)
    {
        Caption = 'Authorization_Denied', Locked = true;
    }
    value(2; BadRequest_Malformed)
    {
        Caption = 'BadRequest_Malformed', Locked = true;
    }
    value(3; BadRequest_UnsupportedMediaType)
    {
        Caption = 'BadRequest_UnsupportedMediaType', Locked = true;
    }
    value(4; BadRequest_NotFound)
    {
        Caption = 'BadRequest_NotFound', Locked = true;
    }
    value(5; BadRequest_InvalidToken)
    {
        Caption = 'BadRequest_InvalidToken', Locked = true;
    }
    value(6; Request_EntityChanged)
    {
        Caption = 'Request_EntityChanged', Locked = true;
    }
    value(7; Request_IdempotencyKeyReused)
    {
        Caption = 'Request_IdempotencyKeyReused', Locked = true;
    }
    value(8; PinCode_PolicyViolation)
    {
        Caption = 'PinCode_PolicyViolation', Locked = true;
    }
    value(9; PinCode_CurrentInvalid)
    {
        Caption = 'PinCode_CurrentInvalid', Locked = true;
    }
    value(10; PinCode_Locked)
    {
        Caption = 'PinCode_Locked', Locked = true;
    }
    value(11; PinCode_TemporaryExpired)
    {
        Caption = 'PinCode_TemporaryExpired', Locked = true;
    }
    value(12; PinCode_NotAllowed)
    {
        Caption = 'PinCode_NotAllowed', Locked = true;
    }
    value(13; PinCode_NotSet)
    {
        Caption = 'PinCode_NotSet', Locked = true;
    }
    value(14; UserSetup_PasswordNeedsPinCode)
    {
        Caption = 'UserSetup_PasswordNeedsPinCode', Locked = true;
    }
    value(15; Request_TooManyRequests)
    {
        Caption = 'Request_TooManyRequests', Locked = true;
    }
    value(16; Internal_ServerError)
    {
        Caption = 'Internal_ServerError', Locked = true;
    }
}
