# ruff: noqa: E501  (prose data: sentences are not wrapped)
"""Sentence frames of court and police news, by paragraph role and case stage.

A newsroom writes many cases from one frame set (the hard case for dedupe: two reports that
share every sentence frame and differ only in names, places, amounts and dates).  Each role
has several wordings, and the legal angle is worded many ways (立案侦查, 刑事拘留, 批准逮捕,
提起公诉, 开庭, 一审宣判, 二审, 公益诉讼, 原告/被告 …), as real reports word it.
"""

from __future__ import annotations

# case-level background, by kind of case: shared verbatim by every stage's report of it
BACKGROUND = {
    "criminal": (
        "经查，自{began}起，{name}在{platform}上收集{victims}公开发布的照片和视频，利用{app}将他人面部替换到不雅视频中，先后制作换脸视频{videos}余条，以每条数十元至数百元不等的价格出售，累计获利{gain}。",
        "据了解，{name}原本从事网店运营，{began}前后接触到“{tech}”技术后，开始在{platform}招揽“定制换脸”生意，客户只需提供目标人物照片，即可获得合成视频，先后有{buyers}人向其购买。",
        "办案人员介绍，{name}等人通过{platform}批量收集人脸照片{photos}余张，再用{app}生成动态视频，用于冒充他人身份通过平台的人脸识别验证，涉及被害人{victim_count}名。",
        "{began}，{name}伙同{name2}等人，利用“{tech}”技术合成被害人亲友的面孔和声音，通过视频通话骗取信任，以急需用钱为由诱骗被害人转账，涉案金额共计{fraud}。",
    ),
    "public_interest": (
        "经查，{began}以来，{name}在{platform}开设店铺，对外兜售{app}及使用教程，并在一个{group}余人的群组中传播用他人人脸合成的视频，其中不少素材取自{victims}的社交账号。",
        "{began}起，{name}未经他人同意，从{platform}收集{victims}的照片{photos}余张，利用“{tech}”技术批量生成视频，再以“定制服务”的名义对外出售，受害者难以一一查明。",
    ),
    "civil": (
        "据原告介绍，{began}起，她在{platform}发布了多条原创视频，积累了不少粉丝，后来有网友告诉她，在{company}运营的{app}里能找到用她的视频制作的换脸模板，付费即可使用。",
        "原告系一名{plaintiff}，其发现{company}运营的{app}上架了多款以其本人形象为素材的“{tech}”模板，用户上传自己的照片即可替换原告面部，单个模板售价数元不等。",
    ),
}

LEAD = {
    "police": (
        "记者{police_date}从{police}获悉，该局近日破获一起利用“{tech}”技术实施犯罪的案件，抓获犯罪嫌疑人{name}等{accomplices}人，目前{name}已被依法刑事拘留，案件正在进一步侦办中。",
        "近日，{police}接到群众报警后迅速立案侦查，成功打掉一个利用“{tech}”技术侵害公民权益的犯罪团伙，{name}等{accomplices}名犯罪嫌疑人落网。",
    ),
    "arrest": (
        "{arrest_date}，{procuratorate}依法对涉嫌{charge}的犯罪嫌疑人{name}批准逮捕。这是该院办理的首起涉“{tech}”技术的刑事案件。",
        "记者从{procuratorate}了解到，经审查，该院认为{name}涉嫌{charge}，事实清楚、证据确实充分，近日依法作出批准逮捕决定。",
    ),
    "prosecution": (
        "{prosecution_date}，{procuratorate}以涉嫌{charge}对{name}等{accomplices}人依法提起公诉。据悉，这是{short_city}首例利用“{tech}”技术犯罪的公诉案件。",
        "日前，{procuratorate}对一起利用“{tech}”技术实施的案件审查起诉完毕，以{name}涉嫌{charge}向{court}提起公诉。",
    ),
    "first_trial": (
        "{first_trial_date}，{court}公开开庭审理并当庭宣判一起利用“{tech}”技术实施的{charge}案，被告人{name}被判处{term}，并处罚金{fine}。",
        "记者{first_trial_date}从{court}获悉，该院审结一起涉“{tech}”刑事案件，以{charge}判处被告人{name}{term}，并处罚金{fine}，违法所得予以追缴。",
    ),
    "appeal": (
        "{appeal_date}，{mid_court}对{name}{charge}案作出二审裁定，驳回上诉，维持原判。一审中，{name}被判处{term}。",
        "因不服一审判决，{name}提出上诉。近日，{mid_court}二审审理后认为，原判认定事实清楚，适用法律正确，量刑适当，裁定驳回上诉、维持原判。",
    ),
    "pil_filed": (
        "记者{pil_filed_date}从{procuratorate}获悉，该院就{name}利用“{tech}”技术非法处理公民人脸信息一案，向{inet_court}提起民事公益诉讼，请求判令其停止侵权、公开赔礼道歉并赔偿损失。",
        "近日，{procuratorate}在办理一起刑事案件时发现公益诉讼线索，随后对{name}滥用“{tech}”技术侵害不特定多数人个人信息的行为提起民事公益诉讼。",
    ),
    "pil_judgment": (
        "{pil_judgment_date}，{inet_court}对{procuratorate}诉{name}个人信息保护民事公益诉讼案作出一审判决，支持检察机关全部诉讼请求，判令{name}赔偿损害赔偿金{damages}。",
        "由{procuratorate}提起的{name}利用“{tech}”技术侵犯公民个人信息民事公益诉讼案近日宣判，{inet_court}判令被告删除全部涉案人脸数据，并在国家级媒体公开赔礼道歉。",
    ),
    "civil_filed": (
        "因发现自己的面孔被“移花接木”到他人视频中，{plaintiff}以侵害{right}为由将{company}诉至{inet_court}，要求对方停止侵权、赔礼道歉并赔偿经济损失。",
        "近日，一名{plaintiff}起诉称，{company}未经许可使用其照片生成“{tech}”模板供用户付费使用，侵害其{right}，请求法院判令被告赔偿经济损失{damages}。",
    ),
    "civil_hearing": (
        "{civil_hearing_date}，{inet_court}公开开庭审理了{plaintiff}诉{company}侵害{right}纠纷一案，双方围绕“{tech}”模板是否构成侵权展开激烈辩论。",
        "{plaintiff}诉{company}“{tech}”侵权案近日在{inet_court}开庭，被告辩称其仅提供技术服务，素材均由用户上传，不应承担责任。",
    ),
    "civil_judgment": (
        "{civil_judgment_date}，{inet_court}对{plaintiff}诉{company}侵害{right}纠纷案作出一审判决，认定被告构成侵权，判令其赔礼道歉并赔偿经济损失{damages}、精神损害抚慰金{solace}。",
        "备受关注的“{tech}”模板侵权案一审宣判：{inet_court}认定{company}的行为侵害了原告{plaintiff}的{right}，判决被告书面道歉，并赔偿原告各项损失共计{damages}。",
    ),
}

DETAIL = {
    "police": (
        "民警在{name}住处查获电脑{accomplices}台、手机若干部，从中提取到人脸照片{photos}余张、换脸视频{videos}余条，并冻结涉案资金账户。",
        "根据被害人提供的线索，专案组顺藤摸瓜，历时两个多月，辗转多地将{name}等人抓获，现场扣押作案设备一批。",
    ),
    "arrest": (
        "检察机关提前介入引导侦查，围绕人脸信息的来源、数量和用途调取证据，确认涉案人脸信息达{photos}余条，涉及被害人{victim_count}名。",
        "承办检察官介绍，审查中发现{name}还曾将部分视频发送至{group}余人的群组，社会影响恶劣，有逮捕必要。",
    ),
    "prosecution": (
        "检察机关审查认为，{name}未经他人同意，利用“{tech}”技术非法处理他人人脸信息并出售牟利，情节严重，其行为已触犯刑法，应当以{charge}追究其刑事责任。",
        "审查起诉期间，检察机关依法告知{name}享有的诉讼权利，{name}表示认罪认罚，并在辩护人见证下签署了认罪认罚具结书。",
    ),
    "first_trial": (
        "法院经审理查明，{name}违反国家有关规定，利用“{tech}”技术非法获取、处理他人人脸信息，并向他人出售换脸视频，获利{gain}，情节严重，其行为已构成{charge}。",
        "庭审中，公诉人出示了电子数据、证人证言等证据，{name}及其辩护人对指控的事实和罪名均无异议，{name}当庭表示认罪悔罪。",
    ),
    "appeal": (
        "{name}上诉称，其只是提供技术服务，并不知道购买者的用途，一审量刑过重。二审法院审理认为，{name}明知视频内容侵害他人权益仍大量出售，上诉理由不能成立。",
        "二审期间，{mid_court}依法组成合议庭，审阅了全部卷宗材料，讯问了上诉人{name}，听取了辩护人意见，认为一审程序合法。",
    ),
    "pil_filed": (
        "检察机关认为，{name}未经同意，非法处理{victims}等不特定多数人的人脸信息，并在{platform}公开传播，侵害了社会公共利益，应当依法承担民事责任。",
        "经调查，{name}累计处理他人人脸信息{photos}余条，相关视频在{group}余人的群组中传播，被害人难以一一查明，符合提起民事公益诉讼的条件。",
    ),
    "pil_judgment": (
        "法院审理认为，人脸信息属于敏感个人信息，{name}滥用“{tech}”技术非法处理不特定多数人的人脸信息，损害了社会公共利益，依法应当承担停止侵害、赔偿损失、赔礼道歉的民事责任。",
        "庭审中，被告{name}对公益诉讼起诉人所诉事实没有异议，表示愿意诚恳道歉并履行赔偿义务，赔偿款将用于个人信息保护公益事项。",
    ),
    "civil_filed": (
        "原告称，其在网上发布的古风造型视频被他人下载后，经“{tech}”处理变成了可供付费使用的模板，面部被替换成用户本人，但身形、服饰和动作均为原告本人。",
        "原告代理律师表示，被告通过{platform}向用户提供付费换脸服务，获利可观，却从未征得原告同意，已经超出合理使用的范围。",
    ),
    "civil_hearing": (
        "庭审中，原告方提交了公证书，证明被告运营的{app}中存在大量以原告形象制作的模板；被告则认为，换脸后的视频中面部特征已被替换，不具有可识别性。",
        "法庭调查阶段，双方就涉案视频的来源、模板的下载量以及被告获利情况举证质证，被告承认相关模板累计被使用{buyers}余次。",
    ),
    "civil_judgment": (
        "法院审理认为，被告未经原告同意，利用信息技术手段将原告视频中的面部替换后上传至{app}，供用户付费使用，构成对原告{right}的侵害，应当承担相应的侵权责任。",
        "法院指出，网络服务提供者对用户上传内容负有与其技术能力相适应的审核义务，被告在明知模板来源于他人作品的情况下仍提供收费服务，存在主观过错。",
    ),
}

QUOTE = (
    "“技术本身是中立的，但使用技术的人必须守住法律的边界。”承办该案的{role}表示，{name}的行为严重侵害了他人合法权益，必须依法予以惩处。",
    "“很多被害人直到被朋友提醒，才知道自己的脸出现在这些视频里。”{role}告诉记者，此类案件取证难、发现难，需要平台、监管部门和司法机关形成合力。",
    "{role}在接受采访时说：“人脸信息具有唯一性和不可更改性，一旦泄露，风险将伴随终身，因此法律对其给予了更为严格的保护。”",
)
QUOTE_ROLE = {
    "police": "办案民警",
    "arrest": "承办检察官",
    "prosecution": "承办检察官",
    "first_trial": "主审法官",
    "appeal": "二审承办法官",
    "pil_filed": "承办检察官",
    "pil_judgment": "审判长",
    "civil_filed": "原告代理律师",
    "civil_hearing": "原告代理律师",
    "civil_judgment": "主审法官",
}

TITLE = {
    "police": (
        "利用“{tech}”技术作案，{short_city}警方抓获{accomplices}名嫌疑人",
        "{short_city}破获一起“{tech}”案，{name}等人被刑拘",
    ),
    "arrest": (
        "涉嫌{charge}，“{tech}”案嫌疑人{name}被批准逮捕",
        "{short_city}检察机关对一起“{tech}”案批捕",
    ),
    "prosecution": (
        "利用“{tech}”牟利，{name}等{accomplices}人被提起公诉",
        "{short_city}首例“{tech}”案提起公诉",
    ),
    "first_trial": (
        "“{tech}”案一审宣判：{name}获刑{term_short}",
        "用“{tech}”出售视频获利{gain}，{name}一审被判{term_short}",
    ),
    "appeal": (
        "“{tech}”案二审维持原判，{name}上诉被驳回",
        "{name}“{tech}”案终审：驳回上诉，维持原判",
    ),
    "pil_filed": (
        "滥用“{tech}”处理人脸信息，{short_city}检察院提起民事公益诉讼",
        "{name}被提起公益诉讼：“{tech}”侵害不特定多数人权益",
    ),
    "pil_judgment": (
        "“{tech}”公益诉讼案宣判：{name}被判赔偿{damages}并公开道歉",
        "{inet_court}判了一起“{tech}”民事公益诉讼",
    ),
    "civil_filed": (
        "{plaintiff}起诉{company}：我的脸被做成了“{tech}”模板",
        "面孔被用于“{tech}”模板，{plaintiff}诉至法院",
    ),
    "civil_hearing": (
        "“{tech}”模板侵权案开庭，{company}称仅提供技术服务",
        "{plaintiff}诉“{tech}”模板侵权案开庭审理",
    ),
    "civil_judgment": (
        "“{tech}”模板侵权案宣判：{company}侵害{right}，赔偿{damages}",
        "{inet_court}：用他人视频制作“{tech}”模板构成侵权",
    ),
}

# How farms rewrite a headline: prefixes, suffixes and swaps, each in its own words.
RETITLE_PREFIX = ("突发！", "热点：", "最新！", "关注｜", "【法治】", "震惊！", "")
RETITLE_SUFFIX = (
    "（附判决要点）",
    "，网友炸了",
    "！看完后背发凉",
    "|法律人说",
    "，律师解读来了",
    "",
)
