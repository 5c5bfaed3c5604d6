namespace ParLedger.Events;

/// <summary>How a dossier reached the one-stop desk (<i>kênh tiếp nhận</i>).</summary>
public enum ReceiptChannel
{
    /// <summary><c>online</c>: submitted on the public-service portal (<i>trực tuyến</i>).</summary>
    Online,

    /// <summary><c>direct</c>: handed in at the desk (<i>trực tiếp</i>).</summary>
    Direct,

    /// <summary><c>postal</c>: sent by public postal service (<i>dịch vụ bưu chính công ích</i>).</summary>
    Postal,
}
