namespace Serverless.Studio.Tests.Characters;

/// <summary>Scripts of our own that cover places, light, ages, genders, props and an off-screen voice, in both formats.</summary>
internal static class LookScripts
{
    public const string English = """
        Title: Night Shift

        INT. HOSPITAL WARD - NIGHT

        NURSE OKAFOR, a woman in her fifties, checks the drip beside MR. HARRIS. She writes in her notebook.

        MR. HARRIS, a man in his eighties, opens his eyes.

        MR. HARRIS
        Is it morning yet?

        NURSE OKAFOR
        Not yet. Sleep.

        DOCTOR REYES (O.S.)
        Nurse, bed four needs you.

        INT. HOSPITAL CORRIDOR - CONTINUOUS

        NURSE OKAFOR hurries past the window with her phone.

        EXT. TRAIN STATION - MORNING

        LILY, a girl of eight, holds the hand of GRANDMA ROSE. GRANDMA ROSE (70) carries an umbrella.

        GRANDMA ROSE
        Stay close to me.

        LILY
        Is that our train?

        EXT. FARMERS MARKET - DAY

        TOM, a boy of ten, runs between the stalls with his bag.

        TOM
        Grandma! Apples!

        INT. KITCHEN - NIGHT

        GRANDMA ROSE cuts the apples. LILY and TOM watch her.

        GRANDMA ROSE
        Who wants the first slice?
        """;

    public const string Chinese = """
        场景:内景 医院病房,夜晚
        角色:王阿婆,护士长(女),小军(十岁)

        [七十岁的王阿婆躺在病床上，小军握着她的手。]
        [护士长拿着笔记本走进来。]
        护士长(温柔): 阿婆，该吃药了。
        王阿婆: 好，好。

        场景:外景 火车站,清晨
        角色:小军,爸爸(男)

        [小军背着书包跑向站台。]
        爸爸(画外音): 小军，慢点！
        小军(开心): 火车来了！

        场景:外景 菜市场,同时
        角色:李奶奶

        [李奶奶撑着一把红色的伞。]
        李奶奶: 新鲜的白菜！

        场景:内景 厨房,早上
        角色:妈妈,小美(八岁)

        [妈妈在厨房做饭，小美拿着手机。]
        小美: 妈妈，我饿了。
        妈妈: 马上就好。
        """;
}
